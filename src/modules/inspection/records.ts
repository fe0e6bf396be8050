import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { enforce } from '../../platform/policy';
import { installedModules } from '../../platform/registry';
import { branchMeetings } from '../meetings/api';
import { branchViolations } from '../safety/api';
import { branchTalks } from '../talks/api';
import type { BranchRecords } from './contract';
import { canOnInspection } from './policy';
import { type InspectionRow, loadInspection } from './queries';

/**
 * The online part of an inspection: the inspected branch's records of the period, read in place from
 * the modules that own them (their api.ts), without asking the branch for anything — its meetings,
 * talks (never their contents) and violations, and every module's ledger filtered to the branch.
 */

/** Modules whose ledgers are not the branch's own records. */
const NOT_RECORDS = new Set(['inspection', 'tasks', 'assessment']);

export async function recordsOf(
  ctx: AppContext,
  row: Pick<InspectionRow, 'tenant_id' | 'org_id' | 'period_from' | 'period_to'>,
  today: string,
): Promise<BranchRecords> {
  const { tenant_id: tenantId, org_id: branchId, period_from: from, period_to: to } = row;
  const query = `?orgId=${branchId}&from=${from}&to=${to}`;
  return {
    period: { from, to },
    meetings: await branchMeetings(ctx.db, tenantId, branchId, from, to),
    talks: await branchTalks(ctx.db, tenantId, branchId, from, to),
    violations: await branchViolations(ctx.db, tenantId, branchId, from, to, today),
    ledgers: installedModules()
      .filter((m) => !NOT_RECORDS.has(m.name))
      .flatMap((m) => (m.exports ?? []).map((e) => ({ label: e.label, path: `${e.path}${query}` }))),
  };
}

export async function getRecords(ctx: AppContext, actor: Actor, id: string, today = todayLocal()) {
  const ins = await loadInspection(ctx.db, actor.tenantId, id);
  enforce(canOnInspection(actor, 'read', ins));
  return recordsOf(ctx, ins.row, today);
}
