import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Actor } from './access';
import { sha256Hex } from './crypto';
import { type Executor, queryRows, uuidList } from './db';
import { newId } from './ids';
import { storableJson, storableText } from './text';

export const PLATFORM_CHAIN = '00000000-0000-0000-0000-000000000000';
export const GENESIS_HASH = '0'.repeat(64);

/** A table whose rows the chain covers; a module lists its entities in its manifest. */
export interface AuditedEntity {
  entity: string;
  table: string;
  /** What the audit log calls it. */
  label: string;
  /**
   * Columns added after rows existed, with the default they were added with: a row still at that default
   * hashes as it did before the column existed, so adding a column is never a reseal (null columns are
   * always left out).
   */
  hashDefaults?: Record<string, unknown>;
  /** Derived columns that are no part of the record's truth (a pinyin sort key): never hashed. */
  hashExclude?: readonly string[];
}

export function audited(
  entity: string,
  table: PgTable,
  label: string,
  options: { hashDefaults?: Record<string, unknown>; hashExclude?: readonly string[] } = {},
): AuditedEntity {
  return { entity, table: getTableName(table), label, ...options };
}

export interface AuditActor {
  id: string | null;
  name: string | null;
  ip?: string | null;
}

export interface AuditInput {
  tenantId: string;
  actor: AuditActor;
  action: string;
  target?: { entity: AuditedEntity; id: string };
  /** An event about something that is not a chained row (e.g. an unknown username). */
  entityId?: string | null;
  details?: Record<string, unknown>;
}

/** Stable JSON: object keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SQL for the hash of a row's current state, computed by the database the same way on write and verify:
 * the row as JSON without its null columns and without columns still at their declared add-time default
 * (`audit_row_doc`, migration 0006), so a new column doesn't change the hash of the rows that predate it.
 */
export const rowHashSql = (alias: string, entity: Pick<AuditedEntity, 'hashDefaults' | 'hashExclude'>) =>
  sql`encode(sha256(convert_to(audit_row_doc(to_jsonb(${sql.raw(alias)}) - ${`{${(entity.hashExclude ?? []).join(',')}}`}::text[], ${JSON.stringify(entity.hashDefaults ?? {})}::jsonb)::text, 'UTF8')), 'hex')`;

/** The hash of the whole row as the first version of the chain computed it (only the upgrade reads it). */
export const rowHashSqlV1 = (alias: string) =>
  sql.raw(`encode(sha256(convert_to(to_jsonb(${alias})::text, 'UTF8')), 'hex')`);

export async function rowHashes(
  db: Executor,
  entity: AuditedEntity,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; h: string }>(
    db,
    sql`select t.id, ${rowHashSql('t', entity)} as h from ${sql.identifier(entity.table)} t
        where t.id in (${uuidList(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r.h]));
}

export interface ChainedEvent {
  tenantId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  contentHash: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

export function eventHash(prevHash: string, e: ChainedEvent): string {
  return sha256Hex(
    prevHash +
      canonicalJson({
        tenantId: e.tenantId,
        seq: Number(e.seq),
        at: e.at.toISOString(),
        actorId: e.actorId,
        actorName: e.actorName,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId,
        contentHash: e.contentHash,
        details: e.details,
        ip: e.ip,
      }),
  );
}

let isKnownAction: ((action: string) => boolean) | null = null;
/** The registry tells the chain which actions the modules label; tests then refuse any other. */
export const setKnownActions = (check: ((action: string) => boolean) | null) => {
  isKnownAction = check;
};
const strict = !!process.env.VITEST;

/** Appends events to one tenant's chain. Call inside the transaction that made the change. */
export async function recordAudit(tx: Executor, inputs: AuditInput | AuditInput[]): Promise<void> {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length === 0) return;
  for (const input of list) {
    if (isKnownAction && !isKnownAction(input.action)) {
      const message = `audit action "${input.action}" is not declared in any module's manifest`;
      if (strict) throw new Error(message);
      console.error(message);
    }
  }
  const tenantId = list[0].tenantId;
  if (list.some((i) => i.tenantId !== tenantId)) throw new Error('recordAudit: one chain per call');

  await tx.execute(
    sql`insert into audit_heads (tenant_id, seq, hash) values (${tenantId}, 0, ${GENESIS_HASH}) on conflict do nothing`,
  );
  const [head] = await queryRows<{ seq: string | number; hash: string }>(
    tx,
    sql`select seq, hash from audit_heads where tenant_id = ${tenantId} for update`,
  );

  const hashesByEntity = new Map<string, Map<string, string>>();
  for (const input of list) {
    if (!input.target) continue;
    const key = input.target.entity.entity;
    if (!hashesByEntity.has(key)) {
      const ids = [...new Set(list.filter((i) => i.target?.entity.entity === key).map((i) => i.target!.id))];
      hashesByEntity.set(key, await rowHashes(tx, input.target.entity, ids));
    }
  }

  let seq = Number(head.seq);
  let prev = head.hash;
  const at = new Date();
  const rows: (ChainedEvent & { id: string; prevHash: string; hash: string })[] = [];
  for (const input of list) {
    seq += 1;
    // What is hashed is exactly what the database will give back: storable text, JSON as jsonb returns it.
    const text = (s: string | null | undefined) => (s == null ? null : storableText(s));
    const event: ChainedEvent = {
      tenantId,
      seq,
      at,
      actorId: input.actor.id,
      actorName: text(input.actor.name),
      action: storableText(input.action),
      entity: input.target?.entity.entity ?? null,
      entityId: input.target?.id ?? input.entityId ?? null,
      contentHash: input.target
        ? (hashesByEntity.get(input.target.entity.entity)?.get(input.target.id) ?? null)
        : null,
      details: input.details === undefined ? null : storableJson(input.details),
      ip: text(input.actor.ip),
    };
    const hash = eventHash(prev, event);
    rows.push({ ...event, id: newId(), prevHash: prev, hash });
    prev = hash;
  }

  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await tx.execute(sql`insert into audit_events
      (id, tenant_id, seq, at, actor_id, actor_name, action, entity, entity_id, content_hash, details, ip, prev_hash, hash)
      values ${sql.join(
        chunk.map(
          (r) =>
            sql`(${r.id}, ${r.tenantId}, ${r.seq}, ${r.at.toISOString()}, ${r.actorId}, ${r.actorName}, ${r.action},
                 ${r.entity}, ${r.entityId}, ${r.contentHash}, ${r.details === null ? null : JSON.stringify(r.details)}::jsonb,
                 ${r.ip}, ${r.prevHash}, ${r.hash})`,
        ),
        sql`, `,
      )}`);
  }
  await tx.execute(sql`update audit_heads set seq = ${seq}, hash = ${prev} where tenant_id = ${tenantId}`);
}

/** Field diff for an audit event; sensitive fields are named but their values never logged. */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  sensitive: readonly string[] = [],
): Record<string, { from: unknown; to: unknown }> {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined) continue;
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (canonicalJson(a) === canonicalJson(b)) continue;
    diff[key] = sensitive.includes(key) ? { from: '***', to: '***' } : { from: a, to: b };
  }
  return diff;
}

/** How an authenticated caller appears in the log: account, name and address. */
export const actorRef = (actor: Actor): AuditActor => ({
  id: actor.accountId,
  name: actor.displayName,
  ip: actor.ip,
});

export interface AuditEvent {
  action: string;
  target?: { entity: AuditedEntity; id: string } | null;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes what the caller did into their tenant's chain, inside the transaction that did it: one event,
 * or several at once (`audit(tx, actor, [...])`).
 */
export async function audit(tx: Executor, actor: Actor, events: AuditEvent | AuditEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  await recordAudit(
    tx,
    list.map((e) => ({
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: e.action,
      target: e.target ?? undefined,
      entityId: e.entityId,
      details: e.details,
    })),
  );
}
