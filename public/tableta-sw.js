// Service worker of the citizen tablet: keeps the tablet's shell (its page, code and styles) and
// the paired session's guide available offline. It never stores staff pages or anything a
// citizen answered: answers live in the tablet's IndexedDB queue until the server has them.
const CACHE = 'katapulta-tableta-v1'

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(['/tableta', '/favicon.svg'])).then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})

const isTabletPage = (url) => url.pathname === '/tableta' || url.pathname === '/tableta.data' || url.pathname === '/__manifest'
const isStatic = (url) => url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg'

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return // answers go to the server or wait in IndexedDB, never here
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (isStatic(url)) {
    // Built files have content hashes: the cached copy is always right.
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone()
              void caches.open(CACHE).then((cache) => cache.put(request, copy))
            }
            return response
          }),
      ),
    )
    return
  }
  if (isTabletPage(url)) {
    // The network first (fresh guide, closed session…); the last good copy when offline.
    const key = url.pathname === '/tableta' ? '/tableta' : request
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && !response.redirected) {
            const copy = response.clone()
            void caches.open(CACHE).then((cache) => cache.put(key, copy))
          }
          return response
        })
        .catch(() => caches.match(key).then((hit) => hit ?? Response.error())),
    )
  }
})
