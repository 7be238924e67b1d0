// Culture Pass service worker, written by hand (no build step).
//
// - The WASM/JS bundle and the fingerprinted stylesheet are kept so the app starts
//   offline; the bundle is fetched network-first (its name carries no hash), the
//   stylesheet cache-first (its name does).
// - "Mes réservations" is kept after every successful visit, so tickets, tokens and QR
//   codes open with no network, in a basement at the counter.
// - The map's outlines (/geo/) are kept from the install, so that the map has a
//   background offline; a new VERSION takes them again when they change.
// - Server functions (/api/...) are never cached; any change of person (signing in,
//   out, up, deleting the account) deletes the kept tickets and keeps the offline page
//   again, so that it shows who is signed in now.
// - Other pages, offline, go to the offline page (a redirect: the page then hydrates as
//   itself, where serving its HTML under another address made the app crash).

const VERSION = "v2";
const SHELL = `culture-pass-shell-${VERSION}`;
const TICKETS = "culture-pass-tickets";
const SESSION_CHANGES = ["/api/logout", "/api/login", "/api/sign_up", "/api/pro/sign_up", "/api/delete_account"];
const OFFLINE_PAGE = "/hors-ligne";
const PRECACHE = [
  OFFLINE_PAGE,
  "/pkg/culture-pass.js",
  "/pkg/culture-pass.wasm",
  "/favicon.ico",
  "/manifest.webmanifest",
  "/icons/icon-192.png",
  // The map's own background, for the basement where the tiles don't load.
  "/geo/departements.json",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== TICKETS).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheName, fallback) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(cacheName);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    if (fallback) return Response.redirect(fallback, 302);
    throw offline;
  }
}

/** Keeps the offline page as the person signed in now sees it. */
async function keepOfflinePage() {
  try {
    const response = await fetch(OFFLINE_PAGE, { credentials: "same-origin" });
    if (response.ok) await (await caches.open(SHELL)).put(OFFLINE_PAGE, response);
  } catch (offline) {
    // Kept as it was.
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(SHELL)).put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.method !== "GET") {
    // Whoever signs out, in, up or deletes their account: the tickets kept offline were
    // the previous person's, and must not open for the next one.
    if (SESSION_CHANGES.includes(url.pathname)) {
      event.respondWith(
        (async () => {
          const response = await fetch(request);
          await caches.delete(TICKETS);
          event.waitUntil(keepOfflinePage());
          return response;
        })(),
      );
    }
    return;
  }
  if (url.pathname.startsWith("/api/")) return;

  // Hashed stylesheets, versioned vendored libraries (Leaflet) and the map's outlines
  // (taken again with each VERSION) are served from the cache.
  const unchanging = ["/assets/", "/vendor/", "/geo/"];
  if (unchanging.some((prefix) => url.pathname.startsWith(prefix))) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith("/pkg/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(networkFirst(request, SHELL));
  } else if (url.pathname === OFFLINE_PAGE) {
    event.respondWith(networkFirst(request, SHELL));
  } else if (request.mode === "navigate" && url.pathname.startsWith("/reservations")) {
    event.respondWith(networkFirst(request, TICKETS, OFFLINE_PAGE));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => Response.redirect(OFFLINE_PAGE, 302)));
  }
});
