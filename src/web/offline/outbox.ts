import type { QueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../api';
import { type Draft, deleteDraft, getDraft, listDrafts, updateDraft } from './drafts';

/**
 * Sends drafts the user has sent while the phone had no signal, when the signal returns. Each goes with
 * the idempotency key made with its draft (a resend after a lost answer gets the first answer, never a
 * second record) and, for an edit, the version it was based on (a record changed meanwhile comes back as
 * a conflict for the user to settle, never overwritten). Drafts are sent one at a time.
 */
export type SendOutcome =
  | { kind: 'sent'; answer: unknown }
  | { kind: 'queued'; reason: 'offline' | 'login' | 'busy' }
  | { kind: 'conflict'; current: Record<string, unknown> };

/** The session's CSRF token asked again (the one in hand came from a kept answer, or a session renewed). */
async function renewCsrf(): Promise<boolean> {
  try {
    const me = await api<{ csrfToken: string | null }>('/me', { noRedirect: true });
    setCsrfToken(me.csrfToken);
    return true;
  } catch {
    return false;
  }
}

/** Sends one draft now. Throws the server's refusal (a field to correct), leaving the draft `failed`. */
export async function sendDraft(id: string, renewed = false): Promise<SendOutcome> {
  const draft = await getDraft(id);
  if (!draft?.request) throw new Error('草稿不存在或尚未提交');
  const { request } = draft;
  const attempts = (draft.attempts ?? 0) + 1;
  try {
    let answer = await api<{ id?: string; actions?: string[] }>(request.path, {
      method: request.method,
      body: request.body,
      idempotencyKey: draft.idempotencyKey,
      ifMatch: request.ifMatch,
      noRedirect: true,
    });
    if (request.thenSubmit && answer?.id && answer.actions?.includes('submit')) {
      // Saved: what is left is the submission, under a key of its own.
      const submit = {
        request: { method: 'POST' as const, path: `/meetings/${answer.id}/submit`, body: {} },
        idempotencyKey: `${draft.idempotencyKey}-submit`,
      };
      await updateDraft(id, submit);
      answer = await api(submit.request.path, {
        method: 'POST',
        body: {},
        idempotencyKey: submit.idempotencyKey,
        noRedirect: true,
      });
    }
    await deleteDraft(id);
    return { kind: 'sent', answer };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 0) {
      await updateDraft(id, { state: 'queued', attempts, error: undefined });
      return { kind: 'queued', reason: 'offline' };
    }
    if (e.code === 'csrf' && !renewed && (await renewCsrf())) return sendDraft(id, true);
    if (e.status === 401) {
      await updateDraft(id, { state: 'queued', attempts, error: '登录已过期，重新登录后自动发送' });
      return { kind: 'queued', reason: 'login' };
    }
    if (e.code === 'edit_conflict') {
      const current = (e.body?.current ?? {}) as Record<string, unknown>;
      await updateDraft(id, { state: 'conflict', current, attempts, error: e.message });
      return { kind: 'conflict', current };
    }
    if (e.code === 'idempotency_in_progress' || e.status >= 500 || e.status === 429) {
      await updateDraft(id, { state: 'queued', attempts, error: e.message });
      return { kind: 'queued', reason: 'busy' };
    }
    await updateDraft(id, { state: 'failed', attempts, error: e.message });
    throw e;
  }
}

export interface FlushReport {
  sent: Draft[];
  conflicts: Draft[];
  failed: { draft: Draft; error: ApiError }[];
  waiting: number;
}

let flushing: Promise<FlushReport> | null = null;

/** Sends every queued draft of the account; one run at a time. */
export function flushOutbox(account: string, queryClient?: QueryClient): Promise<FlushReport> {
  if (!flushing) {
    flushing = flush(account, queryClient).finally(() => {
      flushing = null;
    });
  }
  return flushing;
}

async function flush(account: string, queryClient?: QueryClient): Promise<FlushReport> {
  const report: FlushReport = { sent: [], conflicts: [], failed: [], waiting: 0 };
  for (const draft of await listDrafts(account)) {
    if (draft.state !== 'queued') continue;
    try {
      const outcome = await sendDraft(draft.id);
      if (outcome.kind === 'sent') report.sent.push(draft);
      else if (outcome.kind === 'conflict') report.conflicts.push(draft);
      else {
        report.waiting += 1;
        if (outcome.reason !== 'busy') break; // no connection, or no session: the rest would fare alike
      }
    } catch (e) {
      if (e instanceof ApiError) report.failed.push({ draft, error: e });
    }
  }
  if (report.sent.length && queryClient) await queryClient.invalidateQueries();
  return report;
}
