import { expect } from "@playwright/test";
import { hydrated, signIn, test, YOUNG } from "./helpers";

test("the profile offers notifications on this device, and the app shows a pushed one that opens its page", async ({ page, context }) => {
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
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin: new URL(page.url()).origin,
    registrationId: await registration,
    data: JSON.stringify({ title: "Réservation confirmée", body: "Cyrano de Bergerac", url: "/reservations", tag: "notice-1" }),
  });
  await expect
    // The worker shows a pushed message when it gets to it: on a loaded machine (CI, two
    // cores busy) that took longer than the default 15 s once.
    .poll(async () =>
      page.evaluate(async () => {
        const shown = await (await navigator.serviceWorker.ready).getNotifications();
        return shown.map((n) => `${n.title} | ${n.body} | ${n.data?.url}`);
      }),
      { timeout: 45_000 },
    )
    .toEqual(["Réservation confirmée | Cyrano de Bergerac | /reservations"]);

  // A pushed address off the site is never opened.
  for (const [tag, url] of [["notice-2", "//example.org/"], ["notice-3", "/\\example.org/"]]) {
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: new URL(page.url()).origin,
      registrationId: await registration,
      data: JSON.stringify({ title: "Ailleurs", url, tag }),
    });
    await expect
      .poll(async () =>
        page.evaluate(async (tag) => {
          const shown = await (await navigator.serviceWorker.ready).getNotifications({ tag });
          return shown.map((n) => n.data?.url);
        }, tag),
        { timeout: 45_000 },
      )
      .toEqual(["/notifications"]);
  }
});
