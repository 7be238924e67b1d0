// Registers the service worker (server/src/delivery/sw.js) and, when a new deploy's worker
// is installed and waiting, shows the page's "Nouvelle version disponible" banner; its
// button lets the new worker take over, and the page reloads under it. Plain JS in the
// page shell, outside the app: it works even when the app's WASM does not load.
if ("serviceWorker" in navigator) {
  const controlled = Boolean(navigator.serviceWorker.controller);
  // The person asked for the new version (a tab opened before any worker counts too).
  let requested = false;
  const offer = (worker) => {
    const banner = document.getElementById("update-banner");
    if (!banner) return;
    banner.hidden = false;
    banner.querySelector("button").onclick = () => {
      requested = true;
      worker.postMessage("activate");
    };
  };
  const whenInstalled = (worker) => {
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
    });
  };
  navigator.serviceWorker.register("/sw.js").then((registration) => {
    if (registration.waiting && controlled) offer(registration.waiting);
    if (registration.installing) whenInstalled(registration.installing);
    registration.addEventListener("updatefound", () => whenInstalled(registration.installing));
    // An app left open for days still hears of a deploy when it comes back.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") registration.update().catch(() => {});
    });
  });
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // The first install takes control without a reload; a new version reloads.
    if ((controlled || requested) && !reloading) {
      reloading = true;
      window.location.reload();
    }
  });
}
