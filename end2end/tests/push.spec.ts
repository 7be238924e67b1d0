import { expect } from "@playwright/test";
import { hydrated, signIn, test, YOUNG } from "./helpers";

test("the profile offers notifications on this device, and the app shows a pushed one that opens its page", async ({ page, context }) => {
  // Three pushes, each of which may be pushed again on a loaded machine (below).
  test.setTimeout(180_000);
  await context.grantPermissions(["notifications"]);
  await signIn(page, YOUNG);
  await page.goto("/compte");
  await hydrated(page);
  const choice = page.getByTestId("push-choice");
  await expect(choice.getByRole("heading", { name: "Notifications sur cet appareil" })).toBeVisible();
  await expect(choice.getByTestId("push-state")).toHaveText("Désactivées sur cet appareil.");
  await expect(choice.getByTestId("push-toggle")).toHaveText("Activer les notifications");

  // What the push service hands the service worker (as the server's pusher sends it,
  // once decrypted by the browser): it shows a notification.
  const cdp = await context.newCDPSession(page);
  const registration = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", (event) => {
      const found = event.registrations.find((r) => !r.isDeleted);
      if (found) resolve(found.registrationId);
    });
  });
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await cdp.send("ServiceWorker.enable");
  const registrationId = await registration;
  /** What the worker shows for a pushed message (tag, title, body, url), once it shows it. */
  async function push(message: { title: string; body?: string; url: string; tag: string }): Promise<string[]> {
    // On a loaded machine (CI, two cores busy) the worker once took longer than 15 s, and
    // once never showed a message: it is pushed again (same tag, so it replaces itself)
    // until it shows.
    for (let attempt = 0; attempt < 3; attempt++) {
      await cdp.send("ServiceWorker.deliverPushMessage", {
        origin: new URL(page.url()).origin,
        registrationId,
        data: JSON.stringify(message),
      });
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const shown = await page.evaluate(async (tag) => {
          const found = await (await navigator.serviceWorker.ready).getNotifications({ tag });
          return found.map((n) => `${n.title} | ${n.body} | ${n.data?.url}`);
        }, message.tag);
        if (shown.length > 0) return shown;
        await page.waitForTimeout(250);
      }
    }
    return [];
  }
  expect(await push({ title: "Réservation confirmée", body: "Cyrano de Bergerac", url: "/reservations", tag: "notice-1" })).toEqual([
    "Réservation confirmée | Cyrano de Bergerac | /reservations",
  ]);

  // A pushed address off the site is never opened.
  for (const [tag, url] of [["notice-2", "//example.org/"], ["notice-3", "/\\example.org/"]]) {
    expect(await push({ title: "Ailleurs", url, tag })).toEqual(["Ailleurs |  | /notifications"]);
  }
});
