import { sql } from 'drizzle-orm';
import { type AuditedEntity, rowHashSql } from './audit';
import { type Executor, queryRows } from './db';
import { auditedEntities } from './registry';
import { type AckEvent, checkAnchors, walkChain } from './verify-chain';
import {
  type AcknowledgedProblem,
  type ChainSummary,
  type ExtraVerifier,
  fingerprint,
  type ProblemRef,
  ROW_KINDS,
  type VerifyOptions,
  type VerifyProblem,
  type VerifyReport,
} from './verify-problems';

export * from './verify-problems';

const refMessage = (ref: ProblemRef) =>
  ROW_KINDS.includes(ref.kind)
    ? `${ref.entity} 记录 ${ref.entityId} 在应用之外被改动 (${ref.kind})`
    : `第 ${ref.seq ?? '?'} 号${ref.count ? `起 ${ref.count} 条` : ''}事件处的断点 (${ref.kind})`;

/**
 * Splits a chain's problems into those its acknowledgments cover and the rest. Every acknowledgment stays
 * listed, also when what it acknowledged is no longer visible (a repaired head, a row changed since): once a
 * chain holds one, verify never calls it clean.
 */
function applyAcks(
  problems: VerifyProblem[],
  acks: AckEvent[],
  tenantId: string,
): { open: VerifyProblem[]; acknowledged: AcknowledgedProblem[] } {
  const covered = new Set(
    acks.flatMap((a) => a.refs.filter((r) => !ROW_KINDS.includes(r.kind)).map(fingerprint)),
  );
  const byFingerprint = new Map(problems.map((p) => [fingerprint(p), p]));
  const acknowledged = acks.flatMap((a) =>
    a.refs.map((ref) => ({
      problem: (!ROW_KINDS.includes(ref.kind) && byFingerprint.get(fingerprint(ref))) || {
        kind: ref.kind,
        tenantId,
        seq: ref.seq,
        count: ref.count,
        hash: ref.hash ?? null,
        entity: ref.entity,
        entityId: ref.entityId,
        message: refMessage(ref),
      },
      ack: { tenantId, seq: a.seq, at: a.at, by: a.by, reason: a.reason },
    })),
  );
  return { open: problems.filter((p) => !covered.has(fingerprint(p))), acknowledged };
}

/** Rows against the content hash of their latest audit event. */
async function verifyRows(
  db: Executor,
  entities: readonly AuditedEntity[],
): Promise<{ records: number; problems: VerifyProblem[] }> {
  const problems: VerifyProblem[] = [];
  let records = 0;
  for (const audited of entities) {
    const { entity, table } = audited;
    const rows = await queryRows<{
      id: string;
      current: string | null;
      audited: string | null;
      tenant_id: string | null;
    }>(
      db,
      sql`with latest as (
            select distinct on (entity_id) entity_id, content_hash, tenant_id
            from audit_events where entity = ${entity} order by entity_id, seq desc
          ), cur as (
            select t.id, ${rowHashSql('t', audited)} as h from ${sql.identifier(table)} t
          )
          select coalesce(cur.id, latest.entity_id) as id, cur.h as current, latest.content_hash as audited,
                 latest.tenant_id
          from cur full join latest on cur.id = latest.entity_id
          where cur.h is distinct from latest.content_hash`,
    );
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)}`,
    );
    records += n;
    for (const r of rows) {
      const kind = r.current === null ? 'row_deleted' : r.audited === null ? 'row_inserted' : 'row_changed';
      const what = { row_deleted: '被删除', row_inserted: '未经审计插入', row_changed: '被修改' }[kind];
      problems.push({
        kind,
        tenantId: r.tenant_id ?? undefined,
        entity,
        entityId: r.id,
        hash: r.audited,
        message: `${table} 表记录 ${r.id} ${what}，与审计记录不符 (${kind.replace('row_', 'row ')} outside the application)`,
      });
    }
  }
  return { records, problems };
}

/**
 * Checks every chain to its end, every anchored head (when anchors are given) and every audited row;
 * entities default to those of the installed modules. Nothing stops at the first problem.
 */
export async function verifyAudit(
  db: Executor,
  extra: ExtraVerifier[] = [],
  entities: readonly AuditedEntity[] = auditedEntities(),
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [...(options.anchorProblems ?? [])];
  const acknowledged: AcknowledgedProblem[] = [];
  const notes: string[] = [];
  const chains: ChainSummary[] = [];
  const anchors = options.anchors ?? [];
  let events = 0;
  let anchorsChecked = 0;

  const heads = await queryRows<{ tenant_id: string; seq: string | number; hash: string }>(
    db,
    sql`select tenant_id, seq, hash from audit_heads`,
  );
  const headOf = new Map(heads.map((h) => [h.tenant_id, { seq: Number(h.seq), hash: h.hash }]));
  const withEvents = await queryRows<{ tenant_id: string }>(
    db,
    sql`select distinct tenant_id from audit_events`,
  );
  const tenants = [
    ...new Set([
      ...heads.map((h) => h.tenant_id),
      ...withEvents.map((r) => r.tenant_id),
      ...anchors.map((a) => a.tenantId),
    ]),
  ].sort();

  for (const tenantId of tenants) {
    const anchored = anchors.filter((a) => a.tenantId === tenantId);
    const walk = await walkChain(db, tenantId, headOf.get(tenantId) ?? null, anchored);
    events += walk.summary.events;
    anchorsChecked += anchored.length;
    if (walk.summary.archivedThrough !== null)
      notes.push(
        `chain ${tenantId}: events 1–${walk.summary.archivedThrough} archived; the chain starts at ${walk.summary.firstSeq}, vouched for by an archive point or an anchor`,
      );
    if (walk.summary.events === 0 && !headOf.has(tenantId) && anchored.some((a) => a.seq > 0)) {
      walk.problems.push({
        kind: 'anchor_lost',
        tenantId,
        seq: Math.max(...anchored.map((a) => a.seq)),
        hash: null,
        file: anchored[0].file,
        message: `锚点 ${anchored[0].file} 记录的审计链在数据库中已不存在 (anchored chain gone)`,
      });
    } else walk.problems.push(...checkAnchors(walk, anchored, notes));
    const { open, acknowledged: acked } = applyAcks(walk.problems, walk.acks, tenantId);
    problems.push(...open);
    acknowledged.push(...acked);
    const bad = open.filter((p) => p.seq !== undefined).map((p) => p.seq!);
    walk.summary.firstBadSeq = bad.length ? Math.min(...bad) : null;
    chains.push(walk.summary);
  }

  const rows = await verifyRows(db, entities);
  problems.push(...rows.problems);
  for (const check of extra) problems.push(...(await check(db)));
  const status = problems.length ? 'failed' : acknowledged.length ? 'acknowledged' : 'clean';
  return {
    ok: status === 'clean',
    status,
    events,
    records: rows.records,
    chains,
    problems,
    acknowledged,
    notes,
    anchors: { heads: anchors.length, checked: anchorsChecked },
  };
}
