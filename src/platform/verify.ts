import { sql } from 'drizzle-orm';
import { type AuditedEntity, eventHash, GENESIS_HASH, rowHashSql } from './audit';
import { type Executor, queryRows } from './db';
import { auditedEntities } from './registry';

export interface VerifyProblem {
  kind: 'chain_broken' | 'chain_truncated' | 'row_changed' | 'row_deleted' | 'row_inserted' | 'file_changed';
  tenantId?: string;
  entity?: string;
  entityId?: string;
  seq?: number;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  records: number;
  problems: VerifyProblem[];
}

/** Extra checks a module adds (e.g. attachment files on disk against their stored hashes). */
export type ExtraVerifier = (db: Executor) => Promise<VerifyProblem[]>;

const PAGE = 5000;

/** Checks every chain and every audited row; entities default to those of the installed modules. */
export async function verifyAudit(
  db: Executor,
  extra: ExtraVerifier[] = [],
  entities: readonly AuditedEntity[] = auditedEntities(),
): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  let events = 0;

  const heads = await queryRows<{ tenant_id: string; seq: string | number; hash: string }>(
    db,
    sql`select tenant_id, seq, hash from audit_heads order by tenant_id`,
  );
  for (const head of heads) {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let cursor = 1;
    let broken = false;
    for (;;) {
      const page = await queryRows<{
        tenant_id: string;
        seq: string | number;
        at: Date | string;
        actor_id: string | null;
        actor_name: string | null;
        action: string;
        entity: string | null;
        entity_id: string | null;
        content_hash: string | null;
        details: Record<string, unknown> | string | null;
        ip: string | null;
        prev_hash: string;
        hash: string;
      }>(
        db,
        sql`select * from audit_events where tenant_id = ${head.tenant_id} and seq >= ${cursor}
            order by seq limit ${PAGE}`,
      );
      for (const row of page) {
        const seq = Number(row.seq);
        events += 1;
        cursor = seq + 1;
        if (broken) continue;
        const recomputed = eventHash(prev, {
          tenantId: row.tenant_id,
          seq,
          at: new Date(row.at),
          actorId: row.actor_id,
          actorName: row.actor_name,
          action: row.action,
          entity: row.entity,
          entityId: row.entity_id,
          contentHash: row.content_hash,
          details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
          ip: row.ip,
        });
        if (seq !== expectedSeq || row.prev_hash !== prev || row.hash !== recomputed) {
          broken = true;
          problems.push({
            kind: 'chain_broken',
            tenantId: row.tenant_id,
            seq,
            entity: row.entity ?? undefined,
            entityId: row.entity_id ?? undefined,
            message:
              seq !== expectedSeq
                ? `审计链在序号 ${expectedSeq} 处缺失事件 (chain gap before seq ${seq})`
                : `审计事件 ${seq} 的哈希不符 (event ${seq} was altered)`,
          });
        }
        prev = row.hash;
        expectedSeq = seq + 1;
      }
      if (page.length < PAGE) break;
    }
    if (!broken && (expectedSeq - 1 !== Number(head.seq) || prev !== head.hash)) {
      problems.push({
        kind: 'chain_truncated',
        tenantId: head.tenant_id,
        seq: expectedSeq - 1,
        message: `审计链末端与链头不符：链头序号 ${head.seq}，实际 ${expectedSeq - 1} (chain truncated)`,
      });
    }
  }

  let records = 0;
  for (const audited of entities) {
    const { entity, table } = audited;
    const rows = await queryRows<{ id: string; current: string | null; audited: string | null; n: number }>(
      db,
      sql`with latest as (
            select distinct on (entity_id) entity_id, content_hash
            from audit_events where entity = ${entity} order by entity_id, seq desc
          ), cur as (
            select t.id, ${rowHashSql('t', audited)} as h from ${sql.identifier(table)} t
          )
          select coalesce(cur.id, latest.entity_id) as id, cur.h as current, latest.content_hash as audited
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
        entity,
        entityId: r.id,
        message: `${table} 表记录 ${r.id} ${what}，与审计记录不符 (${kind.replace('row_', 'row ')} outside the application)`,
      });
    }
  }
  for (const check of extra) problems.push(...(await check(db)));
  return { ok: problems.length === 0, events, records, problems };
}
