/**
 * The training module's public surface: what modules building on training (assessment, inspection) may
 * use. They import nothing else of training, and read its tables only through these functions. The
 * functions take no actor: the caller has already decided what the organizations in `orgPaths` may show.
 */
import { todayLocal } from '../../platform/dates';
import type { Executor } from '../../platform/db';
import { computeLedger } from './ledger';
import { type LedgerStatus, ledgerJudge, round1, SOURCE_KINDS, type SourceKind } from './rules';
import { loadTrainingSettings } from './settings';

export { LEDGER_STATUS_LABELS, type LedgerStatus, SOURCE_LABELS, type SourceKind } from './rules';

export interface StudyHoursOfPerson {
  personId: string;
  name: string;
  /** The member's current branch. */
  orgId: string;
  orgName: string;
  hours: number;
  target: number;
  exempt: boolean;
  status: LedgerStatus;
  /** Hours still missing to the target (0 once reached). */
  needed: number;
  sources: { kind: SourceKind; hours: number }[];
}

/**
 * Study hours of the year for the current party members of the organizations under `orgPaths` (their
 * current branch), against the tenant's target: every hour of the year follows the person, whichever
 * branch they were in when they earned it. Exempt members carry `status: 'exempt'`.
 */
export async function studyHoursByPerson(
  db: Executor,
  tenantId: string,
  f: { year: number; orgPaths: readonly string[]; today?: string },
): Promise<StudyHoursOfPerson[]> {
  const settings = await loadTrainingSettings(db, tenantId);
  const today = f.today ?? todayLocal();
  const people = await computeLedger(db, tenantId, f.year, { paths: f.orgPaths }, settings);
  const judge = ledgerJudge(settings.targetHours, f.year, today);
  return people.map((p) => {
    const v = judge(p);
    return {
      personId: p.personId,
      name: p.name,
      orgId: p.orgId,
      orgName: p.orgName,
      hours: p.hours,
      target: settings.targetHours,
      exempt: p.exempt,
      status: v.status,
      needed: v.needed,
      sources: SOURCE_KINDS.map((kind) => ({ kind, hours: p.sources[kind] })),
    };
  });
}

export interface StudyHoursOfBranch {
  orgId: string;
  orgName: string;
  /** Current party members, exempt ones included. */
  members: number;
  exempt: number;
  /** Members (not exempt) who have reached the target. */
  done: number;
  behind: number;
  /** Average hours of the members who are not exempt (0 when there are none). */
  avgHours: number;
  /** Share of the members who are not exempt that reached the target (null when there are none). */
  doneRate: number | null;
  target: number;
}

/** The same, summed per current branch: what a branch assessment reads against the target. */
export async function studyHoursByBranch(
  db: Executor,
  tenantId: string,
  f: { year: number; orgPaths: readonly string[]; today?: string },
): Promise<StudyHoursOfBranch[]> {
  const people = await studyHoursByPerson(db, tenantId, f);
  const byBranch = new Map<string, StudyHoursOfPerson[]>();
  for (const p of people) byBranch.set(p.orgId, [...(byBranch.get(p.orgId) ?? []), p]);
  return [...byBranch.values()].map((list) => {
    const counted = list.filter((p) => !p.exempt);
    const done = counted.filter((p) => p.status === 'done').length;
    return {
      orgId: list[0].orgId,
      orgName: list[0].orgName,
      members: list.length,
      exempt: list.length - counted.length,
      done,
      behind: counted.filter((p) => p.status === 'behind').length,
      avgHours: counted.length ? round1(counted.reduce((s, p) => s + p.hours, 0) / counted.length) : 0,
      doneRate: counted.length ? Math.round((1000 * done) / counted.length) / 1000 : null,
      target: list[0].target,
    };
  });
}
