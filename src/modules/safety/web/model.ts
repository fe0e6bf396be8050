import { useQuery } from '@tanstack/react-query';
import { api } from '../../../web/api';

export interface CodeName {
  code: string;
  name: string;
}

export interface ViolationMeta {
  items: CodeName[];
  severities: CodeName[];
  kinds: CodeName[];
  sources: CodeName[];
}

export function useViolationMeta() {
  return useQuery({
    queryKey: ['violations', 'meta'],
    queryFn: () => api<ViolationMeta>('/violations/categories'),
    staleTime: 5 * 60_000,
  });
}

export interface ViolationRow {
  id: string;
  orgId: string;
  orgName: string;
  personId: string;
  personName: string;
  wasMember: boolean;
  kind: 'rule_breach' | 'discipline_breach';
  kindLabel: string;
  occurredOn: string;
  place: string | null;
  post: string | null;
  category: string;
  categoryName: string;
  severity: string;
  severityName: string;
  source: string;
  sourceLabel: string;
  description: string;
  recordedByName: string;
  recordedAt: string;
  talk: {
    obligationId: string;
    dueOn: string;
    status: 'open' | 'done' | 'overdue';
    talkId: string | null;
  } | null;
  actions: string[];
}

export interface BranchStat {
  orgId: string;
  orgName: string;
  parentName: string | null;
  employees: number;
  members: number;
  violations: number;
  memberViolations: number;
  nonMemberViolations: number;
  rate: number | null;
  memberRate: number | null;
  nonMemberRate: number | null;
  memberRateYearly: number | null;
  flagged: boolean;
  /** The analysis that answers the flag for this period, if any. */
  analysis: { id: string; status: string } | null;
  /** Categories with at least one violation in the period, most first. */
  byCategory?: (CodeName & { count: number; memberCount: number })[];
}

export interface Board {
  org: { id: string; name: string; type: string };
  period: { year: number; month: number | null; from: string; to: string; elapsedMonths: number };
  threshold: number;
  flagMinViolations: number;
  items: BranchStat[];
  totals: Omit<
    BranchStat,
    'orgId' | 'orgName' | 'parentName' | 'flagged' | 'nonMemberViolations' | 'analysis' | 'byCategory'
  >;
  flagged: string[];
  flaggedWithoutAnalysis: string[];
  byCategory: (CodeName & { count: number; memberCount: number })[];
  bySeverity: (CodeName & { count: number; memberCount: number })[];
  trend: { month: string; violations: number; memberViolations: number }[];
  today: string;
  counts: {
    openTalks: number;
    overdueTalks: number;
    weakActive: number;
    weakFollowupsOverdue: number;
    analysesOpen: number;
    projectsActive: number;
    weakImproved: number;
    weakUncovered: number;
    weakNotImproved: number;
  };
  overdueTalks: {
    obligationId: string;
    personName: string;
    orgName: string;
    dueOn: string;
    violationId: string;
  }[];
}

export const TALK_STATUS = {
  open: { label: '待谈话', color: 'blue' },
  overdue: { label: '已逾期', color: 'red' },
  done: { label: '已谈话', color: 'green' },
} as const;

export const rateText = (v: number | null) => (v === null ? '—' : v.toFixed(1));

export interface PersonOption {
  id: string;
  name: string;
  orgName: string;
  partyStatusLabel: string;
  post: string | null;
}

export const searchPeople = (q: string, orgId?: string) =>
  api<{ items: PersonOption[] }>('/people', { query: { q: q || undefined, orgId, pageSize: 30 } }).then(
    (r) => r.items,
  );
