import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
