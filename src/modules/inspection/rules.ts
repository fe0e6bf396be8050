/**
 * The rules of 网上检查 and 整改, pure and tested as tables (rules.test.ts): a rectification's status and
 * when it is overdue, the loop (answer → close, or → reopen), checklist items and their keys across
 * versions, the period an online inspection reads.
 */

// ---- dates ----

const DAY = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (d: string, n: number): string => fromMs(toMs(d) + n * DAY);
export const daysBetween = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / DAY);
/** The same day `n` months earlier or later, clamped to the month's end. */
export function addMonths(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** The records an online inspection reads by default: the last `months` months up to the day. */
export const defaultPeriod = (today: string, months: number) => ({
  from: addDays(addMonths(today, -months), 1),
  to: today,
});

// ---- inspections ----

export const INSPECTION_MODES = ['online', 'on_site'] as const;
export type InspectionMode = (typeof INSPECTION_MODES)[number];
export const INSPECTION_MODE_LABELS: Record<InspectionMode, string> = {
  online: '网上检查',
  on_site: '现场检查',
};
export const INSPECTION_STATUSES = ['open', 'completed'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const INSPECTION_STATUS_LABELS: Record<InspectionStatus, string> = {
  open: '检查中',
  completed: '已完成',
};

export const VERDICTS = ['pass', 'problem'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, string> = { pass: '符合要求', problem: '存在问题' };

/** The kinds of records an online inspection reads in place, and a finding may link to. */
export const RECORD_KINDS = ['meeting', 'talk', 'violation'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  meeting: '组织生活记录',
  talk: '谈心谈话记录',
  violation: '违章违纪记录',
};

export interface RecordLink {
  kind: RecordKind;
  id: string;
  /** What the link shows: "2026-10-12 支部党员大会 …". */
  label: string;
}

// ---- checklists ----

export interface ChecklistItem {
  /** i1, i2 …: stable across versions, so findings group by item. */
  key: string;
  title: string;
  guidance?: string;
  /** The records an inspector reads for this item. */
  records?: RecordKind[];
}
export interface ChecklistItemInput {
  key?: string;
  title: string;
  guidance?: string;
  records?: RecordKind[];
}

const KEY_RE = /^i(\d{1,4})$/;

/**
 * Items as sent, keyed: an item that keeps its key (from the previous version) stays the same item;
 * new ones get the next free key. Titles must be unique within a checklist.
 */
export function buildItems(
  input: readonly ChecklistItemInput[],
  previous: readonly ChecklistItem[] = [],
): { items: ChecklistItem[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const known = new Set(previous.map((p) => p.key));
  let next = Math.max(0, ...previous.map((i) => Number(KEY_RE.exec(i.key)?.[1] ?? 0))) + 1;
  const usedKeys = new Set<string>();
  const titles = new Set<string>();
  const items = input.map((i, n): ChecklistItem => {
    const title = i.title.trim();
    if (titles.has(title)) errors[`items.${n}.title`] = `检查项目“${title}”重复`;
    titles.add(title);
    let key = i.key && KEY_RE.test(i.key) && known.has(i.key) && !usedKeys.has(i.key) ? i.key : '';
    if (!key) key = `i${next++}`;
    usedKeys.add(key);
    return {
      key,
      title,
      ...(i.guidance?.trim() ? { guidance: i.guidance.trim() } : {}),
      ...(i.records?.length ? { records: [...new Set(i.records)] } : {}),
    };
  });
  return { items, errors };
}

// ---- rectifications ----

export const STORED_RECT_STATUSES = ['open', 'answered', 'closed'] as const;
export type StoredRectStatus = (typeof STORED_RECT_STATUSES)[number];
export const RECT_STATUSES = ['open', 'answered', 'closed', 'overdue'] as const;
export type RectStatus = (typeof RECT_STATUSES)[number];
export const RECT_STATUS_LABELS: Record<RectStatus, string> = {
  open: '待整改',
  answered: '待验收',
  closed: '已销号',
  overdue: '已逾期',
};

/** Shown on `today`: an open rectification past its deadline is overdue; an answered one never is. */
export const rectStatus = (r: { status: StoredRectStatus; rectifyBy: string }, today: string): RectStatus =>
  r.status === 'open' && r.rectifyBy < today ? 'overdue' : r.status;

/** The branch answers while open (overdue included); the inspector closes an answer, or reopens it or a closed one. */
export const canAnswerIn = (s: StoredRectStatus): boolean => s === 'open';
export const canCloseIn = (s: StoredRectStatus): boolean => s === 'answered';
export const canReopenIn = (s: StoredRectStatus): boolean => s === 'answered' || s === 'closed';

/** An answer came in late: its first answer after the deadline set with the finding. */
export const answeredLate = (firstAnsweredOn: string | null, dueOn: string): boolean =>
  firstAnsweredOn !== null && firstAnsweredOn > dueOn;

/**
 * Overdue for assessment (`overdueRectificationCounts`): the first answer came after the deadline set
 * with the finding, or none has come and that deadline passed before `asOf`.
 */
export const overdueForAssessment = (firstAnsweredOn: string | null, dueOn: string, asOf: string): boolean =>
  firstAnsweredOn === null ? dueOn < asOf : firstAnsweredOn > dueOn;

export interface RectificationEvent {
  kind: 'answer' | 'close' | 'reopen';
  /** ISO instant. */
  at: string;
  actorName: string;
  content?: string | null;
  comment?: string | null;
  rectifyBy?: string | null;
}

export interface RectCounts {
  total: number;
  open: number;
  answered: number;
  closed: number;
  overdue: number;
}
export function countRect(statuses: readonly RectStatus[]): RectCounts {
  const c: RectCounts = { total: 0, open: 0, answered: 0, closed: 0, overdue: 0 };
  for (const s of statuses) {
    c.total += 1;
    c[s] += 1;
  }
  return c;
}

/** The checklist most committees start from (local practice; edited as a new version). */
export const STANDARD_ITEMS: ChecklistItemInput[] = [
  {
    title: '“三会一课”落实情况',
    guidance: '支部党员大会每季度、支委会每月、党小组会每月、党课按要求开展，记录完整真实',
    records: ['meeting'],
  },
  { title: '主题党日开展情况', guidance: '每月相对固定一天开展，主题明确，有记录', records: ['meeting'] },
  {
    title: '组织生活会和民主评议党员',
    guidance: '每年至少一次组织生活会，按要求开展民主评议',
    records: ['meeting'],
  },
  {
    title: '谈心谈话',
    guidance: '支委之间、支委与党员、党员之间每年至少谈心谈话一次；两违谈话及时',
    records: ['talk'],
  },
  {
    title: '党员在安全生产中作用发挥',
    guidance: '党员违章违纪及时通报、谈话、帮教；党员示范岗、责任区有实绩',
    records: ['violation', 'talk'],
  },
  { title: '党员教育培训', guidance: '党员每年集中学习培训不少于 32 学时' },
  { title: '发展党员和党费收缴', guidance: '发展党员程序规范；党费按月足额收缴' },
  { title: '台账资料', guidance: '各类台账齐全、真实、及时，无突击填写和改写' },
];
