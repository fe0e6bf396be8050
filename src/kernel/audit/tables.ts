import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The hash-chained audit log; a trigger refuses UPDATE, DELETE and TRUNCATE. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey(),
    /** The chain: a tenant's id, or the nil uuid for events with no tenant (unknown usernames). */
    tenantId: uuid('tenant_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entity: text('entity'),
    entityId: uuid('entity_id'),
    contentHash: text('content_hash'),
    details: jsonb('details'),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_events_chain_idx').on(t.tenantId, t.seq),
    index('audit_events_entity_idx').on(t.entityId, t.seq),
    index('audit_events_actor_idx').on(t.actorId),
    index('audit_events_at_idx').on(t.tenantId, t.at),
  ],
);

/** The head of each chain, locked FOR UPDATE to append; the chain itself is the truth. */
export const auditHeads = pgTable('audit_heads', {
  tenantId: uuid('tenant_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** Data upgrades that ran once after a migration (e.g. re-registering row hashes under a new rule). */
export const platformUpgrades = pgTable('platform_upgrades', {
  name: text('name').primaryKey(),
  doneAt: timestamp('done_at', { withTimezone: true }).notNull().defaultNow(),
  details: jsonb('details'),
});

/**
 * Refused requests (403, 404 out of scope, CSRF) of signed-in callers, for the security admin. Not the
 * hash chain: refusals come in floods an attacker controls, and each chained event serializes on the
 * tenant's head row. Append-only like the chain (a trigger refuses UPDATE and DELETE); at most a few rows
 * per caller and address a minute, the rest counted in one summary row (`suppressed`).
 */
export const securityEvents = pgTable(
  'security_events',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    accountId: uuid('account_id'),
    actorName: text('actor_name'),
    ip: text('ip'),
    method: text('method').notNull(),
    /** The route's pattern (`/api/v1/people/:id`), or the path when no route matched. */
    route: text('route').notNull(),
    /** The path asked for, without its query string (ids, never search words). */
    path: text('path').notNull(),
    status: integer('status').notNull(),
    code: text('code').notNull(),
    /** For a summary row (`code = 'suppressed'`): how many refusals were counted and not recorded one by one. */
    suppressed: integer('suppressed').notNull().default(0),
  },
  (t) => [
    index('security_events_at_idx').on(t.tenantId, t.at),
    index('security_events_account_idx').on(t.accountId),
  ],
);

/**
 * `audit reseal prepare`: before a migration changes columns of an audited table, each row that matches
 * its latest audit event gets the hash of the row without those columns. After the migration, `audit
 * reseal` re-registers only rows whose hash without them is unchanged. The rows of one preparation are
 * pinned by a digest in its `audit.reseal_prepare` event, so editing this table is caught too.
 */
export const auditResealStaging = pgTable(
  'audit_reseal_staging',
  {
    prepareId: uuid('prepare_id').notNull(),
    /** The chain of the row's latest event. */
    tenantId: uuid('tenant_id').notNull(),
    entity: text('entity').notNull(),
    rowId: uuid('row_id').notNull(),
    /** The row's latest event when prepared: a later change means the row is not resealed. */
    eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
    hashWithout: text('hash_without').notNull(),
    preparedAt: timestamp('prepared_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.prepareId, t.rowId] }),
    index('audit_reseal_staging_entity_idx').on(t.entity),
  ],
);
