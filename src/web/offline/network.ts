import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

/**
 * Whether the server can be reached: the browser's own online/offline events, corrected by what the API
 * calls meet (a station's "lie-fi" says online while nothing gets through). While unreachable, a light
 * probe (`/api/health`) asks again with growing pauses, and the first answer brings everything back:
 * TanStack Query resumes its paused queries, the outbox sends the drafts waiting on the phone.
 */
type Listener = (online: boolean) => void;

let online = typeof navigator === 'undefined' ? true : navigator.onLine;
let since = Date.now();
const listeners = new Set<Listener>();
let probeTimer: ReturnType<typeof setTimeout> | null = null;
let probeDelay = 3000;

function set(value: boolean) {
  if (value === online) return;
  online = value;
  since = Date.now();
  for (const l of listeners) l(value);
  if (!value) scheduleProbe();
}

function scheduleProbe() {
  if (probeTimer || online) return;
  probeTimer = setTimeout(async () => {
    probeTimer = null;
    if (online) return;
    try {
      const res = await fetch('/api/health', { cache: 'no-store' });
      if (res.ok) {
        probeDelay = 3000;
        set(true);
        return;
      }
    } catch {
      /* still unreachable */
    }
    probeDelay = Math.min(probeDelay * 2, 60_000);
    scheduleProbe();
  }, probeDelay);
}

/** What an API call met: an answer (any status) or no answer at all. */
export function noteNetwork(answered: boolean) {
  set(answered);
}

export const isOnline = () => online;
/** When the connection last came or went (ms since the epoch). */
export const onlineSince = () => since;

export function subscribeNetwork(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    probeDelay = 0;
    // The browser says the link is back: believe it when the server answers.
    online = false;
    scheduleProbe();
    probeDelay = 3000;
  });
  window.addEventListener('offline', () => set(false));
  // Queries pause while offline and resume (refetching what is stale) when the server answers again.
  onlineManager.setEventListener((setOnline) => subscribeNetwork(setOnline));
  onlineManager.setOnline(online);
}

/** The connection as React state. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeNetwork, isOnline, () => true);
}
