import type { PersistedClient, Persister } from '@tanstack/react-query-persist-client';
import { createStore, del, get, set } from 'idb-keyval';

/**
 * The answers last loaded, kept on the phone (IndexedDB) so that the app opens without a signal showing
 * them, marked as offline. One copy per device, for whoever is signed in: logging in or out empties it
 * (src/web/session.ts, the login page's `queryClient.clear()`). The service worker never caches API
 * answers; answers that carry decrypted secrets are never kept.
 */
const store = createStore('branchline-cache', 'queries');
const KEY = 'client';
const SAVE_EVERY_MS = 1000;

/** A week: older data is not shown as "what was last loaded". */
export const PERSIST_MAX_AGE = 7 * 86_400_000;

let pending: PersistedClient | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

export const idbPersister: Persister = {
  // Saved at most once a second: the whole cache is written each time.
  persistClient: async (client) => {
    pending = client;
    if (timer) return;
    timer = setTimeout(async () => {
      timer = null;
      const next = pending;
      pending = null;
      if (next) await set(KEY, next, store).catch(() => {});
    }, SAVE_EVERY_MS);
  },
  restoreClient: () => get<PersistedClient>(KEY, store),
  removeClient: async () => {
    pending = null;
    if (timer) clearTimeout(timer);
    timer = null;
    await del(KEY, store);
  },
};

/** Forgets every kept answer (logout). */
export const clearPersistedQueries = () => idbPersister.removeClient();

/** Answers with decrypted contents (a talk, a person's ID number, accounts, the audit log) stay in memory only. */
const NEVER_KEPT: (readonly unknown[])[] = [
  ['talks', 'detail'],
  ['people', 'detail'],
  ['people', 'history'],
  ['accounts'],
  ['audit'],
];

/** Typed by shape: the persistence library pins its own copy of query-core's types (vite dedupes the code). */
interface QueryLike {
  queryKey: readonly unknown[];
  state: { status: string };
  meta?: Record<string, unknown>;
}

export function shouldPersistQuery(query: QueryLike): boolean {
  if (query.state.status !== 'success' || query.meta?.noPersist) return false;
  const key = query.queryKey;
  return !NEVER_KEPT.some((prefix) => prefix.every((part, i) => key[i] === part));
}
