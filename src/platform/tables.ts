import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The platform's own tables: state no module owns. */

/**
 * Idempotency keys (`Idempotency-Key` request header, src/platform/idempotency.ts): the first answer to a
 * keyed request, so that a phone resending a draft whose answer it never saw gets that answer again
 * instead of a second record. Keyed by the account and a SHA-256 of the key; the key itself is never
 * stored, and the answer is sealed with a key derived from it (only the holder of the key can read it).
 * Rows expire after IDEMPOTENCY_TTL_DAYS.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: uuid('account_id').notNull(),
    keyHash: text('key_hash').notNull(),
    tenantId: uuid('tenant_id').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    /** SHA-256 of method, URL and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    /** Null while the first request is being answered. */
    status: integer('status'),
    contentType: text('content_type'),
    /** AES-256-GCM under a key derived from the idempotency key (not the key ring: not an `_enc` column). */
    answerCipher: text('answer_cipher'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.keyHash] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);

/**
 * A counter per tenant and name that the database raises at the commit of every transaction that changed
 * the rows a cached answer reads (deferred triggers, migration 0016): a process keeps a computed answer
 * while the counter stands still (src/platform/data-versions.ts).
 */
export const dataVersions = pgTable(
  'data_versions',
  {
    tenantId: uuid('tenant_id').notNull(),
    name: text('name').notNull(),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] })],
);
