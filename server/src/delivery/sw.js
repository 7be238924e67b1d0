// Culture Pass service worker. The server writes `const BUILD = {version, files, hashed}`
// above this code from the deployed build (server/src/delivery/worker.rs), so each deploy
// is a new worker.
//
// - The build's files (hashed JS, the main WASM module, the young person's split with
//   its chunks, and the stylesheet) are kept at the install, so that the app starts
//   offline; being hashed, they are served from the cache without asking the network
//   again. The other groups' splits (partners, administrators) are kept once used.
// - A new deploy installs beside the running one and waits: the page offers to reload
//   ("Nouvelle version disponible"), and the worker takes over when the person accepts
//   (or when every tab of the old version is closed). It then keeps the ticket pages
//   again so that they name the new build's files, and drops the old build.
// - Navigations use the network for 3 seconds, then the last copy of the page, then keep
//   waiting for the network; with no network at all, the offline page.
// - "Mes réservations" is kept after every successful visit, so tickets, tokens and QR
//   codes open with no network, in a basement at the counter. A page of tickets reached
//   by a tap in the app (no navigation: the worker never saw it) asks to be kept
//   ("keep:<path>"), and again after a cancellation there.
// - The map's outlines (/geo/) are kept from the install, so that the map has a
//   background offline.
// - Server functions (/api/...) are never cached; any change of person (signing in,
//   out, up, deleting the account) deletes the kept pages and tickets and keeps the
//   offline page again, so that it shows who is signed in now.
// - Other pages, offline and never seen, go to the offline page (a redirect: the page
//   then hydrates as itself, where serving its HTML under another address made the app
//   crash).

const SHELL = `culture-pass-shell-${BUILD.version}`;
const SHELL_PREFIX = "culture-pass-shell-";
const TICKETS = "culture-pass-tickets";
const PAGES = "culture-pass-pages";
const PAGES_KEPT = 40;
const NAVIGATION_TIMEOUT_MS = 3000;
const SESSION_CHANGES = ["/api/logout", "/api/login", "/api/sign_up", "/api/pro/sign_up", "/api/delete_account"];
const OFFLINE_PAGE = "/hors-ligne";
// Counts the changes of person (signing in, out...): a page taken for the previous one is
// not kept once it comes.
let sessionChanges = 0;
// The last take of each page kept from the network, by address.
const latestTake = new Map();
const PRECACHE = [
  OFFLINE_PAGE,
  "/favicon.ico",
  "/manifest.webmanifest",
  "/icons/icon-192.png",
  // The map's own background, for the basement where the tiles don't load.
  "/geo/departements.json",
  ...BUILD.files,
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)));
});

// The page's "Recharger" button, and pages of tickets reached by a tap in the app (they
// never went through the worker) asking to be kept: "keep:<path>" after a visit,
// "renew:<path>" after a change there (a cancellation), which every kept ticket page
// must show too.
self.addEventListener("message", (event) => {
  const message = typeof event.data === "string" ? event.data : "";
  if (message === "activate") self.skipWaiting();
  else if (message.startsWith("keep:")) event.waitUntil(keepTicketPage(message.slice("keep:".length)));
  else if (message.startsWith("renew:")) {
    event.waitUntil(keepTicketPage(message.slice("renew:".length)).then(renewTickets));
  }
});

/**
 * Keeps the page of tickets at `path`, if it is one of /reservations, and the list of
 * tickets with a ticket: the "Réservations" tab is how one finds a ticket offline.
 */
async function keepTicketPage(path) {
  const url = new URL(path, self.location.origin);
  if (url.origin !== self.location.origin || !url.pathname.startsWith("/reservations")) return;
  const cache = await caches.open(TICKETS);
  await keepFromNetwork(cache, url.pathname);
  if (url.pathname !== "/reservations") await keepFromNetwork(cache, "/reservations");
}

// Pages wait for the activation: it takes at most NAVIGATION_TIMEOUT_MS.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const ticketsRenewed = await renewTickets();
      // Caches are listed in the order they were made: the last shell before this one
      // is the previous build's.
      const shells = (await caches.keys()).filter((key) => key.startsWith(SHELL_PREFIX) && key !== SHELL);
      const previous = ticketsRenewed ? null : shells[shells.length - 1];
      const old = (await caches.keys()).filter(
        (key) => key !== SHELL && key !== TICKETS && key !== previous,
      );
      await Promise.all(old.map((key) => caches.delete(key)));
      await self.clients.claim();
    })(),
  );
});

/**
 * Takes every kept ticket page again, at once and within NAVIGATION_TIMEOUT_MS, so that
 * they name this build's files. False if one could not be taken (no network, too slow,
 * signed out): the kept page stays as it was, and the previous build's files with it
 * (only the previous one: each build replaces it).
 */
async function renewTickets() {
  const cache = await caches.open(TICKETS);
  const renewed = await Promise.all((await cache.keys()).map((request) => keepFromNetwork(cache, request.url)));
  return renewed.every(Boolean);
}

/**
 * Takes `address` from the network within NAVIGATION_TIMEOUT_MS and keeps it in `cache`,
 * if it is a page to keep, the person is still the same when it comes (a sign-out
 * meanwhile emptied the caches: the previous person's page must not come back) and no
 * later take of the page started meanwhile. Whether it was kept.
 */
async function keepFromNetwork(cache, address) {
  const session = sessionChanges;
  const key = new URL(address, self.location.origin).href;
  const turn = (latestTake.get(key) ?? 0) + 1;
  latestTake.set(key, turn);
  try {
    const response = await fetch(address, {
      credentials: "same-origin",
      signal: AbortSignal.timeout(NAVIGATION_TIMEOUT_MS),
    });
    // A later take of the same page (a renewal after a cancellation) wins, whichever
    // answer comes first.
    const superseded = latestTake.get(key) !== turn;
    if (!keepable(response) || response.redirected || session !== sessionChanges || superseded) return false;
    await cache.put(address, response);
    return true;
  } catch (offline) {
    return false;
  }
}

/** A page worth keeping for offline use: a good HTML answer the server let us keep. */
function keepable(response) {
  return (
    response.ok &&
    (response.headers.get("content-type") ?? "").startsWith("text/html") &&
    !(response.headers.get("cache-control") ?? "").includes("no-store")
  );
}

/**
 * The network's answer if it comes within NAVIGATION_TIMEOUT_MS (and is not a server
 * error), else the page as last kept in `cacheName`, else the network's answer whenever
 * it comes; with no network and nothing kept, `fallback`. The answer streams to the page
 * as it comes; a good one is kept meanwhile, even one that came too late.
 */
async function networkWithin(event, cacheName, { ignoreSearch = false, fallback = null } = {}) {
  const request = event.request;
  const answer = fetch(request).then((response) => ({
    response,
    copy: keepable(response) ? response.clone() : null,
  }));
  const kept = answer.then(async ({ copy }) => {
    if (!copy) return;
    const cache = await caches.open(cacheName);
    await cache.put(request, copy);
    if (cacheName === PAGES) await trim(cache, PAGES_KEPT);
  });
  event.waitUntil(kept.catch(() => null));
  const network = answer.then(({ response }) => response);
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS, "slow"));
  const first = await Promise.race([network.catch(() => "offline"), timeout]);
  if (first instanceof Response && first.status < 500) return first;
  const cached = await (await caches.open(cacheName)).match(request, { ignoreSearch });
  if (cached) return cached;
  try {
    return await network;
  } catch (offline) {
    if (fallback) return Response.redirect(fallback, 302);
    throw offline;
  }
}

/** Drops the oldest entries of `cache` beyond `kept`. */
async function trim(cache, kept) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - kept)).map((key) => cache.delete(key)));
}

async function networkFirst(request, cacheName) {
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
    throw offline;
  }
}

/**
 * Keeps the offline page as the person signed in now sees it, in every build's shell (a
 * new build waiting to take over has its own copy).
 */
async function keepOfflinePage() {
  try {
    const response = await fetch(OFFLINE_PAGE, { credentials: "same-origin" });
    if (!response.ok) return;
    const shells = (await caches.keys()).filter((key) => key.startsWith(SHELL_PREFIX));
    await Promise.all(shells.map(async (key) => (await caches.open(key)).put(OFFLINE_PAGE, response.clone())));
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
    // Whoever signs out, in, up or deletes their account: the tickets and pages kept
    // offline were the previous person's, and must not open for the next one.
    if (SESSION_CHANGES.includes(url.pathname)) {
      event.respondWith(
        (async () => {
          sessionChanges += 1;
          const response = await fetch(request);
          sessionChanges += 1;
          await Promise.all([caches.delete(TICKETS), caches.delete(PAGES)]);
          event.waitUntil(keepOfflinePage());
          return response;
        })(),
      );
    }
    return;
  }
  if (url.pathname.startsWith("/api/")) return;

  // Hashed files (the build's and the stylesheet), versioned vendored libraries
  // (Leaflet) and the map's outlines (taken again with each build) come from the cache.
  const unchanging = ["/assets/", "/vendor/", "/geo/", ...(BUILD.hashed ? ["/pkg/"] : [])];
  if (unchanging.some((prefix) => url.pathname.startsWith(prefix))) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith("/pkg/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(networkFirst(request, SHELL));
  } else if (url.pathname === OFFLINE_PAGE) {
    event.respondWith(networkFirst(request, SHELL));
  } else if (request.mode === "navigate" && url.pathname.startsWith("/reservations")) {
    event.respondWith(networkWithin(event, TICKETS, { ignoreSearch: true, fallback: OFFLINE_PAGE }));
  } else if (request.mode === "navigate") {
    event.respondWith(networkWithin(event, PAGES, { fallback: OFFLINE_PAGE }));
  }
});

// Web Push: a notification of the centre (app::ssr::push), shown at once; a tap opens
// its page in the app's window if one is open, else in a new one. Only this site's
// pages are opened.
/** `url` if it is a path of this site, else the notification centre. */
function sameSitePath(url) {
  if (typeof url !== "string" || !url.startsWith("/")) return "/notifications";
  try {
    const resolved = new URL(url, self.location.origin);
    if (resolved.origin !== self.location.origin) return "/notifications";
    return resolved.pathname + resolved.search + resolved.hash;
  } catch (_) {
    return "/notifications";
  }
}

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (_) {
    data = {};
  }
  const title = typeof data.title === "string" && data.title ? data.title : "Culture Pass";
  const options = {
    body: typeof data.body === "string" ? data.body : "",
    tag: typeof data.tag === "string" ? data.tag : undefined,
    icon: "/icons/icon-192.png",
    badge: "/icons/icon-192.png",
    data: { url: sameSitePath(data.url) },
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const path = (event.notification.data && event.notification.data.url) || "/notifications";
  event.waitUntil(
    (async () => {
      const target = new URL(path, self.location.origin).href;
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of windows) {
        if (new URL(client.url).origin === self.location.origin && "focus" in client) {
          await client.focus();
          if ("navigate" in client) await client.navigate(target);
          return;
        }
      }
      await self.clients.openWindow(target);
    })(),
  );
});
