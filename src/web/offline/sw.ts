/**
 * The service worker (built by vite-plugin-pwa/Workbox into /sw.js): it precaches the shell and every
 * built asset, so a warm start reads nothing but the API from the network and the app opens offline.
 * It never caches API answers (those are kept per user by the query cache, emptied at logout).
 *
 * Registered only once the first page has settled, so that its precaching does not compete with that
 * page on a slow link; a new version takes over at once (skipWaiting) and is used from the next start.
 */
export function registerServiceWorker(delayMs = 4000) {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((e) => {
      console.warn('service worker not registered:', e);
    });
  const later = () => setTimeout(register, delayMs);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

/** An old page asking for a chunk the new version no longer has: reload (drafts are on the phone). */
export function reloadOnStaleChunks() {
  window.addEventListener('vite:preloadError', (event) => {
    const key = 'bl.reloadedForChunks';
    const last = Number(sessionStorage.getItem(key) ?? 0);
    if (!navigator.onLine || Date.now() - last < 30_000) return; // once, not in a loop, and not offline
    sessionStorage.setItem(key, String(Date.now()));
    event.preventDefault();
    window.location.reload();
  });
}
