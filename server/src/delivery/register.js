// Registers the service worker (server/src/delivery/sw.js) and, when a new deploy's worker
// is installed and waiting, shows the page's "Nouvelle version disponible" banner; its
// button lets the new worker take over, and the page reloads under it. Plain JS in the
// page shell, outside the app: it works even when the app's WASM does not load.

// When the app stops (a page's code could not be downloaded), it shows "#load-error";
// "Réessayer" loads the page the person was going to. The app changes the address only
// once the next page is ready, so the last link followed is remembered here.
let wanted = null;
document.addEventListener(
  "click",
  (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (link && link.origin === window.location.origin) wanted = link.href;
  },
  true,
);
window.addEventListener("popstate", () => {
  wanted = null;
});
document.querySelector("#load-error button")?.addEventListener("click", () => {
  if (wanted && wanted !== window.location.href) window.location.assign(wanted);
  else window.location.reload();
});

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
  // The worker's install downloads the build's files, the young person's split too: it
  // waits until the page is hydrated (or 10 s, if the app could not start), so that the
  // first page's own code has the whole connection.
  const afterFirstPage = (then) => {
    const root = document.documentElement;
    if (root.dataset.hydrated) return then();
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      then();
    };
    const observer = new MutationObserver(() => root.dataset.hydrated && done());
    const timer = setTimeout(done, 10000);
    observer.observe(root, { attributes: true, attributeFilter: ["data-hydrated"] });
  };
  afterFirstPage(() => navigator.serviceWorker.register("/sw.js").then((registration) => {
    // Workers turned off (a browser's setting, an automated browser): nothing to follow.
    if (!registration) return;
    if (registration.waiting && controlled) offer(registration.waiting);
    if (registration.installing) whenInstalled(registration.installing);
    registration.addEventListener("updatefound", () => whenInstalled(registration.installing));
    // An app left open for days still hears of a deploy when it comes back.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") registration.update().catch(() => {});
    });
  }).catch(() => {
    // No worker (refused, an insecure address): the app works online all the same.
  }));
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // The first install takes control without a reload; a new version reloads.
    if ((controlled || requested) && !reloading) {
      reloading = true;
      window.location.reload();
    }
  });
}
