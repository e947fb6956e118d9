// For static hosts that cannot send headers: this service worker adds the cross-origin isolation
// headers (see www/_headers) to every response of the playground's folder, so the page gets
// shared memory after one reload. index.html registers it only when the page is not isolated;
// it cannot help a widget inside another page (a frame is isolated by its parent, not by this).
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
  event.respondWith(fetch(request).then(withIsolationHeaders));
});

function withIsolationHeaders(response) {
  // An opaque response (status 0) cannot be changed.
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Cross-Origin-Embedder-Policy", "require-corp");
  headers.set("Cross-Origin-Resource-Policy", "cross-origin");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
