import { createStore, del, entries, get, set } from 'idb-keyval';

/**
 * Drafts of records typed on the phone (a meeting record, a talk, a violation), kept in IndexedDB as they
 * are typed: they survive a reload and the app being closed. A draft the user has sent (`request` set)
 * waits in the outbox (outbox.ts) until the server has it; its idempotency key, made once with the draft,
 * makes a resend after a lost answer come back with the first answer instead of a second record.
 */
export type DraftKind = 'meeting' | 'talk' | 'violation';

export type DraftState =
  /** Being typed; not sent. */
  | 'editing'
  /** Sent by the user, waiting for the connection. */
  | 'queued'
  /** The server refused it (a field to correct): the form shows why. */
  | 'failed'
  /** The record changed on the server since the edit began: the user chooses. */
  | 'conflict';

export interface DraftRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
  /** The version the edit is based on (`If-Match`). */
  ifMatch?: string;
  /** After the record is created or changed: submit it for review (meetings). */
  thenSubmit?: boolean;
}

export interface Draft {
  /** `<account>:<kind>:<form>`: one draft per form and account. */
  id: string;
  account: string;
  kind: DraftKind;
  /** What it is, for the list of drafts: "谈话 · 张三". */
  title: string;
  /** Where its form is. */
  path: string;
  /** The form's values, JSON (dates as `{ $date: ISO }`), and what else the form keeps (a roll call). */
  values: Record<string, unknown>;
  extra?: unknown;
  /** When the first change was typed, on the phone's clock. */
  draftedAt: string;
  savedAt: string;
  idempotencyKey: string;
  state: DraftState;
  request?: DraftRequest;
  error?: string;
  /** The server's record when it refused the edit as a conflict. */
  current?: Record<string, unknown>;
  /** Attempts to send it so far. */
  attempts?: number;
}

const store = createStore('branchline-drafts', 'drafts');
const listeners = new Set<() => void>();
const changed = () => {
  for (const l of listeners) l();
};

export const draftId = (account: string, kind: DraftKind, form: string) => `${account}:${kind}:${form}`;

export const newIdempotencyKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? `bl-${crypto.randomUUID()}`
    : `bl-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;

export const getDraft = (id: string) => get<Draft>(id, store);

export async function saveDraft(draft: Draft): Promise<void> {
  await set(draft.id, draft, store);
  changed();
}

export async function updateDraft(id: string, patch: Partial<Draft>): Promise<Draft | undefined> {
  const draft = await getDraft(id);
  if (!draft) return undefined;
  const next = { ...draft, ...patch };
  await saveDraft(next);
  return next;
}

export async function deleteDraft(id: string): Promise<void> {
  await del(id, store);
  changed();
}

/** The drafts of one account, newest first. */
export async function listDrafts(account: string): Promise<Draft[]> {
  const all = await entries<string, Draft>(store);
  return all
    .map(([, d]) => d)
    .filter((d) => d.account === account)
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** Deletes the drafts of one account (logout). */
export async function clearDrafts(account: string): Promise<number> {
  const mine = await listDrafts(account);
  for (const d of mine) await del(d.id, store);
  changed();
  return mine.length;
}

export function subscribeDrafts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab of the app changing drafts: no event crosses tabs for IndexedDB, so a storage ping does.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === 'bl.drafts.changed') changed();
  });
  listeners.add(() => {
    try {
      localStorage.setItem('bl.drafts.changed', String(Date.now()));
    } catch {
      /* private mode */
    }
  });
}
