import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadAnchorPrivateKey, writeAnchor } from '../platform/anchor';
import { type AuditActor, type AuditInput, eventHash, recordAudit, rowHashSql } from '../platform/audit';
import type { AppContext } from '../platform/context';
import { type Executor, queryRows } from '../platform/db';
import { auditedEntities, moduleVerifiers } from '../platform/registry';
import { ARCHIVE_ACTION, verifyAudit } from '../platform/verify';
import { cliActor, isUuid, parseArgs } from './args';
import { printProblems } from './verify';

export const ARCHIVE_FORMAT = 'branchline-audit-archive/1';
export const CARRY_ACTION = 'audit.carry';

const USAGE = `usage:
  audit archive --tenant <id> --through <seq> --out <dir>
      export events up to <seq> of one chain and record the archive point (the events stay until the
      operator removes them, docs/operations.md)
  audit archive-check <file>
      recompute an archive file's chain and find its archive point in the database`;

interface StoredEvent {
  id: string;
  tenant_id: string;
  seq: string | number;
  at: Date | string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  content_hash: string | null;
  details: unknown;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

const asLine = (e: StoredEvent) => ({
  ...e,
  seq: Number(e.seq),
  at: new Date(e.at).toISOString(),
  details: typeof e.details === 'string' ? JSON.parse(e.details) : e.details,
});

const recompute = (e: ReturnType<typeof asLine>) =>
  eventHash(e.prev_hash, {
    tenantId: e.tenant_id,
    seq: e.seq,
    at: new Date(e.at),
    actorId: e.actor_id,
    actorName: e.actor_name,
    action: e.action,
    entity: e.entity,
    entityId: e.entity_id,
    contentHash: e.content_hash,
    details: e.details as Record<string, unknown> | null,
    ip: e.ip,
  });

/**
 * `audit archive`: the application never deletes audit events. This exports a chain's events up to a
 * sequence number into a file, carries every audited row whose latest event is among them forward with an
 * `audit.carry` event (so the rows stay covered once the old events are gone), and records the archive point
 * (`audit.archive`: the last archived seq and hash, the file's SHA-256). From then on `audit verify` accepts
 * the chain starting after that point. Removing the exported events is the operator's act, printed as SQL.
 */
export async function archiveCommand(ctx: AppContext, args: readonly string[]): Promise<number> {
  const flags = parseArgs(args);
  const tenant = flags.get('tenant');
  const through = Number(flags.get('through'));
  const dir = flags.get('out');
  if (!isUuid(tenant) || !Number.isInteger(through) || through < 1 || !dir) {
    console.error(USAGE);
    return 2;
  }
  const report = await verifyAudit(ctx.db, moduleVerifiers(ctx));
  if (report.problems.length) {
    printProblems(report.problems);
    console.error('refused: archive only a chain that verifies (acknowledge known breaks first)');
    return 1;
  }
  const chain = report.chains.find((c) => c.tenantId === tenant);
  if (
    !chain ||
    chain.firstSeq === null ||
    chain.lastSeq === null ||
    through < chain.firstSeq ||
    through > chain.lastSeq
  ) {
    console.error(`refused: chain ${tenant} has no events ${chain?.firstSeq ?? 1}–${through} to archive`);
    return 1;
  }

  mkdirSync(dir, { recursive: true });
  const file = join(dir, `audit-${tenant}-${chain.firstSeq}-${through}.jsonl`);
  const exported = await exportEvents(ctx.db, tenant, chain.firstSeq, through, file);
  const { count, throughHash, sha256 } = exported;
  const actor = cliActor('audit archive');
  const carried = await ctx.db.transaction(async (tx) => {
    const inputs = await carryForward(tx, tenant, through, actor);
    await recordAudit(tx, [
      ...inputs,
      {
        tenantId: tenant,
        actor,
        action: ARCHIVE_ACTION,
        details: {
          fromSeq: chain.firstSeq,
          throughSeq: through,
          throughHash,
          events: count,
          file: basename(file),
          sha256,
        },
      },
    ]);
    return inputs.length;
  });

  console.log(`archived events ${chain.firstSeq}–${through} of chain ${tenant} (${count}) to ${file}`);
  console.log(`  sha256 ${sha256}; ${carried} audited rows carried forward; archive point recorded`);
  const keyFile = process.env.BRANCHLINE_ANCHOR_KEY;
  if (keyFile) {
    const { file: anchor } = await writeAnchor(ctx.db, dir, loadAnchorPrivateKey(keyFile));
    console.log(`  anchor written: ${anchor}`);
  } else console.log('  BRANCHLINE_ANCHOR_KEY is not set: make an anchor now (audit anchor --out <dir>)');
  console.log(`Keep the file and the anchor off this machine, check it (audit archive-check ${basename(file)}), then remove the events:
  BEGIN;
  ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
  DELETE FROM audit_events WHERE tenant_id = '${tenant}' AND seq <= ${through};
  ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;
  COMMIT;`);
  return 0;
}

/** Writes events from..through of one chain into a new file: a header, then one line per event as stored. */
async function exportEvents(db: Executor, tenant: string, from: number, through: number, file: string) {
  const fd = openSync(file, 'wx');
  const digest = createHash('sha256');
  const write = (line: unknown) => {
    const text = `${JSON.stringify(line)}\n`;
    digest.update(text);
    writeSync(fd, text);
  };
  let count = 0;
  let throughHash = '';
  try {
    const [first] = await queryRows<{ prev_hash: string }>(
      db,
      sql`select prev_hash from audit_events where tenant_id = ${tenant} and seq = ${from}`,
    );
    write({
      format: ARCHIVE_FORMAT,
      tenantId: tenant,
      fromSeq: from,
      throughSeq: through,
      prevHash: first.prev_hash,
      createdAt: new Date().toISOString(),
    });
    for (let cursor = from - 1; cursor < through; ) {
      const page = await queryRows<StoredEvent>(
        db,
        sql`select * from audit_events where tenant_id = ${tenant} and seq > ${cursor} and seq <= ${through}
            order by seq limit 5000`,
      );
      if (!page.length) break;
      for (const e of page) {
        write({ event: asLine(e) });
        throughHash = e.hash;
        cursor = Number(e.seq);
        count += 1;
      }
    }
  } finally {
    closeSync(fd);
  }
  return { count, throughHash, sha256: digest.digest('hex') };
}

/**
 * An `audit.carry` event for every audited row whose latest event is about to be archived and that still
 * matches it, so the row stays covered once those events are gone.
 */
async function carryForward(tx: Executor, tenant: string, through: number, actor: AuditActor) {
  const inputs: AuditInput[] = [];
  for (const entity of auditedEntities()) {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`with latest as (
            select distinct on (entity_id) entity_id, tenant_id, seq, content_hash
            from audit_events where entity = ${entity.entity} order by entity_id, seq desc
          )
          select t.id from ${sql.identifier(entity.table)} t join latest on latest.entity_id = t.id
          where latest.tenant_id = ${tenant} and latest.seq <= ${through}
            and latest.content_hash = ${rowHashSql('t', entity)}`,
    );
    for (const r of rows)
      inputs.push({
        tenantId: tenant,
        actor,
        action: CARRY_ACTION,
        target: { entity, id: r.id },
        details: { archivedThrough: through },
      });
  }
  return inputs;
}

/** `audit archive-check <file>`: the file's chain recomputed, and its archive point in the database. */
export async function archiveCheckCommand(ctx: AppContext, args: readonly string[]): Promise<number> {
  const [file] = parseArgs(args).positional;
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').filter(Boolean);
  const header = JSON.parse(lines[0] ?? '{}');
  if (header.format !== ARCHIVE_FORMAT) {
    console.error(`${file}: not an audit archive`);
    return 1;
  }
  const faults: string[] = [];
  let prev = header.prevHash as string;
  let expected = header.fromSeq as number;
  for (const line of lines.slice(1)) {
    const e = JSON.parse(line).event as ReturnType<typeof asLine>;
    if (e.seq !== expected) faults.push(`seq ${expected}: missing (next is ${e.seq})`);
    else if (e.prev_hash !== prev) faults.push(`seq ${e.seq}: wrong prev link`);
    if (recompute(e) !== e.hash) faults.push(`seq ${e.seq}: event changed`);
    prev = e.hash;
    expected = e.seq + 1;
  }
  if (expected - 1 !== header.throughSeq)
    faults.push(`ends at ${expected - 1}, header says ${header.throughSeq}`);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const points = await queryRows<{
    seq: string | number;
    details: { throughSeq: number; throughHash: string; sha256: string } | string;
  }>(
    ctx.db,
    sql`select seq, details from audit_events where tenant_id = ${header.tenantId} and action = ${ARCHIVE_ACTION}`,
  );
  const point = points
    .map((p) => ({
      seq: Number(p.seq),
      d: typeof p.details === 'string' ? JSON.parse(p.details) : p.details,
    }))
    .find((p) => p.d.sha256 === sha256);
  if (!point)
    faults.push('no archive point in the database records this file (sha256 differs or point archived)');
  else if (point.d.throughHash !== prev) faults.push(`its last hash differs from archive point ${point.seq}`);
  for (const f of faults) console.error(`FAIL ${f}`);
  console.log(
    faults.length
      ? `FAILED: ${file}`
      : `OK: ${file}: events ${header.fromSeq}–${header.throughSeq} of chain ${header.tenantId}, archive point ${point!.seq}`,
  );
  return faults.length ? 1 : 0;
}
