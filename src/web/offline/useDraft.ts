import type { FormInstance } from 'antd';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useMe } from '../session';
import {
  type Draft,
  type DraftKind,
  type DraftRequest,
  deleteDraft,
  draftId,
  getDraft,
  newIdempotencyKey,
  saveDraft,
  subscribeDrafts,
} from './drafts';
import { type SendOutcome, sendDraft } from './outbox';
import { fromStored, toStored } from './serialize';

export interface UseDraftOptions {
  kind: DraftKind;
  form: FormInstance;
  /** Which form of that kind: `new`, `new:<violation id>`, `edit:<meeting id>`. */
  formKey: string;
  /** What it is, for the list of drafts. */
  title: (values: Record<string, unknown>) => string;
  /** State kept beside the form's fields (a roll call), saved and restored with them. */
  extra?: { get: () => unknown; set: (value: unknown) => void };
  /** False until the form can take the draft's values (what it edits has loaded). */
  enabled?: boolean;
}

export interface DraftControl {
  /** The draft kept for this form, if any. */
  draft: Draft | null;
  /** The draft was restored into the form when it opened. */
  restored: boolean;
  /** Pass to the form's `onValuesChange` (and call after changing `extra`): keeps the draft. */
  changed: () => void;
  /** Keeps the draft as sent and sends it: now if the server answers, else when the signal returns. */
  send: (request: DraftRequest) => Promise<SendOutcome>;
  /** Forgets the draft; `reset`: the form goes back to its first values. */
  discard: (reset?: boolean) => Promise<void>;
  /** A conflict settled for the user's version: sent again over the server's current one. */
  keepMine: () => Promise<SendOutcome>;
}

const SAVE_AFTER_MS = 400;

/**
 * Keeps a form's values on the phone as they are typed (IndexedDB, drafts.ts): restored when the form
 * opens again — after a reload, or the app closed and opened — until the record is sent or the draft
 * discarded. The time of the first change is kept as `draftedAt` and goes to the server with the record.
 */
export function useDraft({
  kind,
  form,
  formKey,
  title,
  extra,
  enabled = true,
}: UseDraftOptions): DraftControl {
  const me = useMe();
  const id = draftId(me.user.id, kind, formKey);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [restored, setRestored] = useState(false);
  const loaded = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ title, extra, draft });
  latest.current = { title, extra, draft };

  // The kept draft, restored into the form once when it opens; kept in step afterwards.
  useEffect(() => {
    if (!enabled || loaded.current === id) return;
    return restoreKept(id, form, loaded, latest, setDraft, setRestored);
  }, [enabled, id, form]);
  useEffect(
    () =>
      subscribeDrafts(() => {
        void getDraft(id).then((d) => setDraft(d ?? null));
      }),
    [id],
  );

  const snapshot = useCallback(
    (patch: Partial<Draft> = {}): Draft => snapshotOf(form, id, me.user.id, kind, latest.current, patch),
    [form, id, kind, me.user.id],
  );

  const saveNow = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = snapshot();
    latest.current.draft = next;
    setDraft(next);
    await saveDraft(next);
  }, [snapshot]);

  const changed = useCallback(() => {
    if (!enabled) return;
    // The first change makes the draft (and its time) at once; later ones are gathered.
    if (!latest.current.draft) {
      void saveNow();
      return;
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), SAVE_AFTER_MS);
  }, [enabled, saveNow]);

  // The app hidden or closed: what was typed is written at once.
  useEffect(() => flushOnHide(timer, saveNow), [saveNow]);

  const send = useCallback(
    async (request: DraftRequest): Promise<SendOutcome> => {
      const before = latest.current.draft;
      const next = snapshot({ state: 'queued', error: undefined });
      // Sent again after seeing the server's version: the edit is now based on it.
      const seen = before?.state === 'conflict' ? before.current?.version : undefined;
      next.request = {
        ...request,
        ifMatch: seen !== undefined ? String(seen) : request.ifMatch,
        body: request.method === 'POST' ? { ...request.body, draftedAt: next.draftedAt } : request.body,
      };
      next.current = undefined;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      latest.current.draft = next;
      await saveDraft(next);
      const outcome = await sendDraft(id);
      if (outcome.kind === 'sent') {
        latest.current.draft = null;
        loaded.current = id;
      }
      return outcome;
    },
    [id, snapshot],
  );

  const discard = useCallback(
    async (reset = false) => {
      if (timer.current) clearTimeout(timer.current);
      if (reset) form.resetFields();
      timer.current = null;
      latest.current.draft = null;
      setDraft(null);
      setRestored(false);
      await deleteDraft(id);
    },
    [id, form],
  );

  const keepMine = useCallback(async () => {
    const d = latest.current.draft;
    if (!d?.request) throw new Error('没有待处理的冲突');
    return send(d.request);
  }, [send]);

  return { draft, restored, changed, send, discard, keepMine };
}

interface Latest {
  title: UseDraftOptions['title'];
  extra: UseDraftOptions['extra'];
  draft: Draft | null;
}

/** The form's values now, as the draft to keep. */
function snapshotOf(
  form: FormInstance,
  id: string,
  account: string,
  kind: DraftKind,
  latest: Latest,
  patch: Partial<Draft>,
): Draft {
  const values = toStored(form.getFieldsValue(true)) as Record<string, unknown>;
  const now = new Date().toISOString();
  const before = latest.draft;
  return {
    id,
    account,
    kind,
    title: latest.title(form.getFieldsValue(true)),
    path: window.location.pathname + window.location.search,
    values,
    extra: latest.extra ? toStored(latest.extra.get()) : undefined,
    draftedAt: before?.draftedAt ?? now,
    savedAt: now,
    idempotencyKey: before?.idempotencyKey ?? newIdempotencyKey(),
    state: before?.state === 'conflict' ? 'conflict' : 'editing',
    request: before?.request,
    current: before?.current,
    ...patch,
  };
}

/** Restores the kept draft into the form; returns the cleanup that drops a late answer. */
function restoreKept(
  id: string,
  form: FormInstance,
  loaded: RefObject<string | null>,
  latest: RefObject<Latest>,
  setDraft: (d: Draft) => void,
  setRestored: (r: boolean) => void,
) {
  loaded.current = id;
  let live = true;
  void getDraft(id).then((d) => {
    if (!live || !d) return;
    form.setFieldsValue(fromStored(d.values) as Record<string, unknown>);
    if (d.extra !== undefined) latest.current.extra?.set(fromStored(d.extra));
    setDraft(d);
    setRestored(true);
  });
  return () => {
    live = false;
  };
}

/** Writes a pending change when the app is hidden or closed; returns the cleanup (which writes too). */
function flushOnHide(timer: RefObject<ReturnType<typeof setTimeout> | null>, saveNow: () => Promise<void>) {
  const flush = () => {
    if (timer.current) void saveNow();
  };
  const onHide = () => document.visibilityState === 'hidden' && flush();
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', flush);
  return () => {
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', flush);
    flush();
  };
}
