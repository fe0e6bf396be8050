import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Executor } from './db';
import { idempotencyKeys } from './tables';

/**
 * Idempotent requests: a client that may send the same request twice (a phone resending a draft after
 * losing the answer) names it with an `Idempotency-Key` header, a random string it keeps with the draft.
 * The first request with a key is carried out and its answer kept; the same request again gets that
 * answer (`idempotent-replayed: true`), never a second record. The server wires it in
 * (src/server/idempotency.ts); this is the store.
 *
 *   claim: new       → carry the request out, then `complete` (2xx) or `release` (anything else)
 *          replay    → send the kept answer
 *          busy      → the first request is still being answered (409, try again shortly)
 *          mismatch  → the key was used for another request (422)
 */

export const IDEMPOTENCY_TTL_DAYS = 30;
/** A first request unanswered after this long (the process died) no longer holds its key. */
const STALE_PENDING_MS = 2 * 60_000;
/** 16 to 200 characters: a UUID or any random token; short guessable keys are refused. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{16,200}$/;

export type Claim =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; contentType: string | null; body: string }
  | { kind: 'busy' }
  | { kind: 'mismatch' };

export interface KeyedRequest {
  tenantId: string;
  accountId: string;
  key: string;
  method: string;
  /** The URL as requested (path and query). */
  path: string;
  /** What the client sent (the parsed body; undefined for a file upload, which is keyed by URL alone). */
  body: unknown;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const keyHash = (key: string) => sha256(`idempotency-key\0${key}`);
export const requestHash = (r: Pick<KeyedRequest, 'method' | 'path' | 'body'>) =>
  sha256(`${r.method} ${r.path}\n${r.body === undefined ? '(no body)' : JSON.stringify(r.body)}`);

const answerKey = (key: string) => createHash('sha256').update(`idempotency-answer\0${key}`).digest();

export function sealAnswer(key: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', answerKey(key), iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join(':');
}

export function openAnswer(key: string, sealed: string): string {
  const [iv, tag, body] = sealed.split(':').map((p) => Buffer.from(p, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', answerKey(key), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

const where = (accountId: string, key: string) =>
  and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.keyHash, keyHash(key)));

/** Takes the key for this request, or tells what was answered to it before. */
export async function claimKey(db: Executor, r: KeyedRequest, now = new Date()): Promise<Claim> {
  const hash = requestHash(r);
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db
      .insert(idempotencyKeys)
      .values({
        accountId: r.accountId,
        keyHash: keyHash(r.key),
        tenantId: r.tenantId,
        method: r.method,
        path: r.path,
        requestHash: hash,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ accountId: idempotencyKeys.accountId });
    if (inserted.length) return { kind: 'new' };
    const [row] = await db.select().from(idempotencyKeys).where(where(r.accountId, r.key));
    if (!row) continue; // released in between: try to take it again
    if (row.requestHash !== hash) return { kind: 'mismatch' };
    if (row.status !== null && row.answerCipher !== null) {
      return {
        kind: 'replay',
        status: row.status,
        contentType: row.contentType,
        body: openAnswer(r.key, row.answerCipher),
      };
    }
    if (now.getTime() - row.createdAt.getTime() < STALE_PENDING_MS) return { kind: 'busy' };
    // The first request never finished: whoever asks now carries it out.
    const taken = await db
      .update(idempotencyKeys)
      .set({ createdAt: now })
      .where(and(where(r.accountId, r.key), eq(idempotencyKeys.createdAt, row.createdAt)))
      .returning({ accountId: idempotencyKeys.accountId });
    if (taken.length) return { kind: 'new' };
  }
  return { kind: 'busy' };
}

/** Keeps the answer to a request that succeeded. */
export async function completeKey(
  db: Executor,
  accountId: string,
  key: string,
  answer: { status: number; contentType: string | null; body: string },
  now = new Date(),
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({
      status: answer.status,
      contentType: answer.contentType,
      answerCipher: sealAnswer(key, answer.body),
      completedAt: now,
    })
    .where(where(accountId, key));
}

/** Frees the key of a request that failed: the client may send it again, changed or not. */
export async function releaseKey(db: Executor, accountId: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(where(accountId, key));
}

/** Forgets keys older than the TTL. */
export async function purgeIdempotencyKeys(db: Executor, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - IDEMPOTENCY_TTL_DAYS * 86_400_000);
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, before))
    .returning({ accountId: idempotencyKeys.accountId });
  return gone.length;
}
