/**
 * Organization rules of 《中国共产党支部工作条例（试行）》(2018), ch. 2: where a branch may be set up and
 * when its size calls for attention. Warnings, not refusals: reality runs ahead of paperwork.
 */
export const ORG_RULESET = { name: '中国共产党支部工作条例（试行）', version: '2018' } as const;

export const ORG_TYPES = ['committee', 'general_branch', 'branch', 'party_group'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  party_group: '党小组',
};

const CHILD_TYPES: Record<OrgType, OrgType[]> = {
  committee: ['general_branch', 'branch'],
  general_branch: ['branch'],
  branch: ['party_group'],
  party_group: [],
};

export const canContain = (parent: OrgType, child: OrgType): boolean => CHILD_TYPES[parent].includes(child);

export const MIN_FULL_MEMBERS = 3;
export const MAX_BRANCH_MEMBERS = 50;
export const COMMITTEE_REQUIRED_AT = 7;

export interface SizeWarning {
  code: 'too_few_full_members' | 'too_many_members' | 'committee_required';
  message: string;
}

export function sizeWarnings(
  org: { type: string; hasCommittee: boolean; dissolvedOn?: string | null },
  counts: { full: number; probationary: number },
): SizeWarning[] {
  if (org.type !== 'branch' || org.dissolvedOn) return [];
  const warnings: SizeWarning[] = [];
  if (counts.full < MIN_FULL_MEMBERS) {
    warnings.push({
      code: 'too_few_full_members',
      message: `正式党员 ${counts.full} 人，少于 ${MIN_FULL_MEMBERS} 人，不具备单独成立党支部的条件`,
    });
  }
  const members = counts.full + counts.probationary;
  if (members > MAX_BRANCH_MEMBERS) {
    warnings.push({
      code: 'too_many_members',
      message: `党员 ${members} 人，超过 ${MAX_BRANCH_MEMBERS} 人，一般应分设党支部`,
    });
  }
  if (counts.full >= COMMITTEE_REQUIRED_AT && !org.hasCommittee) {
    warnings.push({
      code: 'committee_required',
      message: `正式党员 ${counts.full} 人（7 人以上），应设立支部委员会`,
    });
  }
  return warnings;
}

/** Rewrites a subtree's paths when its root moves under a new parent. */
export function movedPath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) throw new Error(`${path} is not under ${oldPrefix}`);
  return newPrefix + path.slice(oldPrefix.length);
}

export const childPath = (parentPath: string, id: string): string => `${parentPath}${id}/`;
export const pathDepth = (path: string): number => path.split('/').filter(Boolean).length - 1;

/**
 * Dates of reorganizations. Every interval (parent history, membership) is [from, to): a change dated
 * `on` ends the old interval at `on` and starts the new one there, so `on` may equal a start (an empty
 * interval) but never precede one, or history would say something ended before it began. Likewise
 * nobody may leave an org, and no child may be dissolved, after the org itself ceased. A date after
 * today is refused: tree, members and counts change at once, so a future date would make today's
 * answers wrong.
 */
export interface DateBound {
  /** What happened on `date`, as the message names it, e.g. 「某成员加入本支部的日期」. */
  what: string;
  /** Whom it concerns, e.g. the person's name. */
  who?: string;
  date: string;
}

/** The problem with a reorganization dated `on`, as the message for the field `on`, or null. */
export function reorgDateProblem(
  verb: '调整' | '合并' | '撤销',
  on: string,
  today: string,
  bounds: DateBound[],
): string | null {
  if (on > today) return `${verb}日期不能晚于今天（${today}）`;
  // The latest bound names the earliest date that would be accepted.
  const late = bounds
    .filter((b) => b.date > on)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))[0];
  return late ? `${verb}日期早于${late.what}（${late.who ? `${late.who}，` : ''}${late.date}）` : null;
}

export interface ParentInterval {
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
}

/** The parent an organization hung under on a date; undefined when no interval covers it. */
export function parentOn(history: ParentInterval[], date: string): string | null | undefined {
  const covering = history
    .filter((h) => h.validFrom <= date && (h.validTo === null || date < h.validTo))
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  return covering[0]?.parentId;
}

/** An organization exists from its founding day up to, not including, its dissolution (or merge) day. */
export const existsOn = (org: { establishedOn: string; dissolvedOn: string | null }, date: string): boolean =>
  org.establishedOn <= date && (org.dissolvedOn === null || date < org.dissolvedOn);
