import { sql } from 'drizzle-orm';
import { date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { audited } from '../../src/platform/audit';

/** 公告: a notice an organization posts for its subtree, shown until it expires. */
export const bulletins = pgTable('example_bulletins', {
  id: uuid('id').primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  orgId: uuid('org_id').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  expiresOn: date('expires_on').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
export const bulletinEntity = audited('example_bulletin', bulletins, '公告');

/** What `npm run db:generate` would write into migrations/ for this table. */
export const MIGRATION = sql`create table if not exists example_bulletins (
  id uuid primary key, tenant_id uuid not null, org_id uuid not null, title text not null, body text not null,
  expires_on date not null, created_at timestamptz not null)`;
