import type { Executor } from '../../platform/db';
import { newId } from '../../platform/ids';
import { talkDueOn } from '../safety/rules';
import { talkObligations } from './tables';

export interface ObligationSeed {
  tenantId: string;
  orgId: string;
  personId: string;
  violationId: string;
  occurredOn: string;
  /** The server's date (Asia/Shanghai) on which the violation was recorded. */
  recordedOn: string;
  dueDays: number;
}

/** Opens the talk obligation of a violation (inside the violation's transaction); returns its id. */
export async function openObligations(tx: Executor, seeds: ObligationSeed[]): Promise<string[]> {
  const now = new Date();
  const rows = seeds.map((s) => ({
    id: newId(),
    tenantId: s.tenantId,
    orgId: s.orgId,
    personId: s.personId,
    violationId: s.violationId,
    dueOn: talkDueOn(s.occurredOn, s.recordedOn, s.dueDays),
    createdAt: now,
  }));
  for (let i = 0; i < rows.length; i += 500) await tx.insert(talkObligations).values(rows.slice(i, i + 500));
  return rows.map((r) => r.id);
}
