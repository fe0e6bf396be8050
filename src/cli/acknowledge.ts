import { sql } from 'drizzle-orm';
import { recordAudit } from '../platform/audit';
import type { AppContext } from '../platform/context';
import { queryRows } from '../platform/db';
import { auditedEntities, moduleVerifiers } from '../platform/registry';
import {
  ACK_ACTION,
  ANCHOR_KINDS,
  CHAIN_KINDS,
  problemRef,
  ROW_KINDS,
  verifyAudit,
} from '../platform/verify';
import { cliActor, isUuid, parseArgs, reasonOf } from './args';
import { anchorOptions, printProblems } from './verify';

const USAGE = `usage:
  audit acknowledge --tenant <id> --seq <n> --reason <text> [--anchors <dir> [--public-key <file>]]
      a break in a chain (or against an anchor) at that sequence number
  audit acknowledge --entity <entity> --id <row id> --reason <text> [--tenant <id>]
      a row changed, inserted or deleted outside the application`;

/**
 * Records, in the chain and with the operator's reason, that a problem `audit verify` found is known: the
 * break stays where it is, verify keeps listing it as acknowledged (exit 3, never 0), and the other events
 * are checked as before. A head that disagrees with the last event is set back to that event, since new
 * events could not be chained otherwise; the acknowledgment records the head it replaced.
 */
export async function acknowledgeCommand(ctx: AppContext, args: readonly string[]): Promise<number> {
  const flags = parseArgs(args);
  const { reason, error } = reasonOf(flags.get('reason'));
  const tenant = flags.get('tenant');
  const seq = flags.get('seq') ? Number(flags.get('seq')) : undefined;
  const entity = flags.get('entity');
  const id = flags.get('id');
  const chainMode = !!tenant && seq !== undefined && Number.isInteger(seq);
  const rowMode = !!entity && !!id;
  const badId = [tenant, id].some((v) => v !== undefined && !isUuid(v));
  if (error || chainMode === rowMode || badId) {
    console.error(`${error ? `${error}\n` : ''}${USAGE}`);
    return 2;
  }
  const options = anchorOptions(args);
  if (typeof options === 'string') {
    console.error(`${options}\n${USAGE}`);
    return 2;
  }
  const report = await verifyAudit(ctx.db, moduleVerifiers(ctx), undefined, options);
  const found = report.problems.filter((p) =>
    chainMode
      ? p.tenantId === tenant && p.seq === seq && [...CHAIN_KINDS, ...ANCHOR_KINDS].includes(p.kind)
      : ROW_KINDS.includes(p.kind) && p.entity === entity && p.entityId === id,
  );
  if (!found.length) {
    console.error(
      `no open problem ${chainMode ? `in chain ${tenant} at seq ${seq}` : `for ${entity} ${id}`}; audit verify lists what can be acknowledged`,
    );
    return 1;
  }
  const audited = rowMode ? auditedEntities().find((e) => e.entity === entity) : undefined;
  const chain = chainMode ? tenant! : (found[0].tenantId ?? tenant ?? (await rowTenant(ctx, entity!, id!)));
  if (rowMode && (!audited || !chain)) {
    console.error(`cannot tell which chain ${entity} ${id} belongs to: give --tenant <id>`);
    return 2;
  }
  await ctx.db.transaction(async (tx) => {
    if (found.some((p) => p.kind === 'head_mismatch')) {
      const [last] = await queryRows<{ seq: string | number; hash: string }>(
        tx,
        sql`select seq, hash from audit_events where tenant_id = ${chain} order by seq desc limit 1`,
      );
      await tx.execute(sql`insert into audit_heads (tenant_id, seq, hash) values (${chain}, ${Number(last.seq)}, ${last.hash})
        on conflict (tenant_id) do update set seq = excluded.seq, hash = excluded.hash`);
    }
    await recordAudit(tx, {
      tenantId: chain!,
      actor: cliActor('audit acknowledge'),
      action: ACK_ACTION,
      target: audited ? { entity: audited, id: id! } : undefined,
      details: { reason, problems: found.map(problemRef) },
    });
  });
  printProblems(found);
  console.log(
    `acknowledged ${found.length} problem(s) in chain ${chain}: ${reason}\naudit verify lists them as acknowledged and exits 3 (not clean); anchor the chain now: audit anchor --out <dir>`,
  );
  return 0;
}

/** The tenant of a row that no event names (inserted outside the application), from its own column. */
async function rowTenant(ctx: AppContext, entity: string, id: string): Promise<string | undefined> {
  const audited = auditedEntities().find((e) => e.entity === entity);
  if (!audited) return undefined;
  const [col] = await queryRows<{ has: boolean }>(
    ctx.db,
    sql`select exists (select 1 from information_schema.columns where table_schema = 'public'
        and table_name = ${audited.table} and column_name = 'tenant_id') as has`,
  );
  const rows = await queryRows<{ tenant_id: string }>(
    ctx.db,
    sql`select ${col.has ? sql`tenant_id` : sql`id`} as tenant_id from ${sql.identifier(audited.table)} where id = ${id}`,
  );
  return rows[0]?.tenant_id;
}
