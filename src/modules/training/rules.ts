/**
 * Pure rules of 素质培训: the ledger's status against the target, grading, heartbeats, imports.
 * The target of 32 class hours a year is 《中国共产党党员教育管理工作条例》(2019) 第十五条; everything
 * else here is local practice and comes from the settings (settings.ts).
 */

export const SOURCE_KINDS = ['class', 'meeting', 'content', 'import'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_LABELS: Record<SourceKind, string> = {
  class: '培训班次',
  meeting: '组织生活',
  content: '网上学习',
  import: '外部学习',
};

export const IMPORT_SOURCES = ['xuexi', 'academy', 'other'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];
export const IMPORT_SOURCE_LABELS: Record<ImportSource, string> = {
  xuexi: '学习强国',
  academy: '网络学院',
  other: '其他平台',
};
export const IMPORT_UNITS = ['hours', 'points'] as const;
export type ImportUnit = (typeof IMPORT_UNITS)[number];
export const IMPORT_UNIT_LABELS: Record<ImportUnit, string> = { hours: '学时', points: '积分' };

export const LEDGER_STATUSES = ['done', 'on_track', 'behind', 'exempt'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];
export const LEDGER_STATUS_LABELS: Record<LedgerStatus, string> = {
  done: '已达标',
  on_track: '进度正常',
  behind: '进度落后',
  exempt: '免于要求',
};

export const ATTENDANCE_STATUSES = ['present', 'leave', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const PARTICIPANT_STATUS_LABELS: Record<string, string> = {
  enrolled: '已报名',
  present: '出勤',
  leave: '请假',
  absent: '缺勤',
  withdrawn: '已退出',
};

export const CONTENT_KINDS = ['article', 'document', 'video'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
export const CONTENT_KIND_LABELS: Record<ContentKind, string> = {
  article: '文章',
  document: '文件资料',
  video: '视频',
};

export const QUESTION_KINDS = ['single', 'multiple', 'judge'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  single: '单选题',
  multiple: '多选题',
  judge: '判断题',
};
export const JUDGE_OPTIONS = ['正确', '错误'];

export const DEFAULT_TOPICS = [
  '党的创新理论',
  '党章党规党纪',
  '党史学习教育',
  '形势政策',
  '安全生产',
  '业务技能',
  '廉洁教育',
  '支部工作实务',
];

/** Hours kept to one decimal, as the ledger shows them. */
export const round1 = (n: number): number => Math.round(n * 10) / 10;

const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
export const addDays = (d: string, n: number): string =>
  new Date(toMs(d) + n * 86_400_000).toISOString().slice(0, 10);

/** The part of the year gone by on `today` (1 for a past year, 0 for a future one). */
export function yearFraction(year: number, today: string): number {
  const y = Number(today.slice(0, 4));
  if (year < y) return 1;
  if (year > y) return 0;
  const start = toMs(`${year}-01-01`);
  const end = toMs(`${year + 1}-01-01`);
  return (toMs(today) + 86_400_000 - start) / (end - start);
}

/** Whole months left in the year, the current one included (0 for a past year). */
export function monthsLeft(year: number, today: string): number {
  const y = Number(today.slice(0, 4));
  if (year < y) return 0;
  if (year > y) return 12;
  return 12 - Number(today.slice(5, 7)) + 1;
}

export interface LedgerVerdict {
  status: LedgerStatus;
  /** Hours still missing to the target (0 when reached). */
  needed: number;
  /** What the target asks by now, pro rata. */
  expectedByNow: number;
}

/**
 * A member's standing: exempt members (old, frail, seriously ill: a flag on the person) are shown apart;
 * the rest have reached the target, or are behind the target pro rata to the part of the year gone, or
 * on track. A past year has no "on track": short of the target is behind.
 */
export function ledgerVerdict(
  p: { hours: number; exempt: boolean },
  target: number,
  year: number,
  today: string,
): LedgerVerdict {
  return ledgerJudge(target, year, today)(p);
}

/** `ledgerVerdict` for many members of one year on one day: the year's progress computed once. */
export function ledgerJudge(target: number, year: number, today: string) {
  const expectedByNow = round1(target * yearFraction(year, today));
  return (p: { hours: number; exempt: boolean }): LedgerVerdict => {
    const needed = round1(Math.max(0, target - p.hours));
    if (p.exempt) return { status: 'exempt', needed, expectedByNow };
    if (p.hours >= target) return { status: 'done', needed: 0, expectedByNow };
    return { status: p.hours < expectedByNow ? 'behind' : 'on_track', needed, expectedByNow };
  };
}

/** From this month on, the secretary's to-do lists the members who have not reached the target. */
export const inLastStretch = (today: string, fromMonth: number): boolean =>
  Number(today.slice(5, 7)) >= fromMonth;

// ---------------------------------------------------------------- quizzes

export interface GradableQuestion {
  id: string;
  kind: QuestionKind;
  answer: number[];
}

const sameSet = (a: number[], b: number[]) => {
  const x = [...new Set(a)].sort((m, n) => m - n);
  const y = [...new Set(b)].sort((m, n) => m - n);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/**
 * Grades an attempt: every question weighs the same; a multiple-choice question counts only when the
 * chosen set is exactly the right set; an unanswered question is wrong. Score out of 100, rounded.
 */
export function gradeAttempt(
  questions: GradableQuestion[],
  answers: { questionId: string; choices: number[] }[],
  passScore: number,
): { score: number; passed: boolean; results: { questionId: string; correct: boolean }[] } {
  const given = new Map(answers.map((a) => [a.questionId, a.choices]));
  const results = questions.map((q) => ({
    questionId: q.id,
    correct: given.has(q.id) && sameSet(given.get(q.id) ?? [], q.answer),
  }));
  const right = results.filter((r) => r.correct).length;
  const score = questions.length ? Math.round((100 * right) / questions.length) : 0;
  return { score, passed: score >= passScore, results };
}

/** Why a question can't be stored, per field; empty when it is fine. */
export function questionProblems(q: {
  kind: QuestionKind;
  options: string[];
  answer: number[];
}): Record<string, string> {
  const errors: Record<string, string> = {};
  const n = q.options.length;
  if (q.kind === 'judge' && n !== 2) errors.options = '判断题应有 2 个选项（正确、错误）';
  if (q.kind !== 'judge' && (n < 2 || n > 8)) errors.options = '选择题应有 2–8 个选项';
  if (new Set(q.options.map((o) => o.trim())).size !== n) errors.options = '选项不能重复';
  if (q.answer.some((i) => !Number.isInteger(i) || i < 0 || i >= n))
    errors.answer = `答案应为选项的序号（0–${Math.max(0, n - 1)}）`;
  else if (new Set(q.answer).size !== q.answer.length) errors.answer = '答案中的序号重复';
  else if (q.kind !== 'multiple' && q.answer.length !== 1)
    errors.answer = q.kind === 'judge' ? '判断题只有一个答案' : '单选题只有一个答案';
  else if (q.kind === 'multiple' && q.answer.length < 2) errors.answer = '多选题至少有两个正确选项';
  return errors;
}

/** Draws `count` questions at random from the pool (a partial Fisher–Yates shuffle). */
export function drawQuestions<T>(pool: readonly T[], count: number, random: () => number = Math.random): T[] {
  const items = [...pool];
  const n = Math.min(count, items.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (items.length - i));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items.slice(0, n);
}

/** Seconds of grace after a quiz's time limit, for the network. */
export const SUBMIT_GRACE_SECONDS = 60;

// ---------------------------------------------------------------- study content

/** How often the reading page reports while visible; the server credits at most this much per beat, plus slack. */
export const HEARTBEAT_SECONDS = 15;
const BEAT_SLACK_SECONDS = 5;

/**
 * The seconds a heartbeat adds: no more than the page says, no more than has passed since the last beat
 * (plus slack for the network), no more than one beat's worth, and never past the content's length.
 */
export function creditBeat(p: {
  seconds: number;
  lastBeatAt: Date | null;
  openedAt: Date;
  now: Date;
  reported: number;
  capSeconds: number;
}): number {
  const since = (p.now.getTime() - (p.lastBeatAt ?? p.openedAt).getTime()) / 1000;
  const add = Math.max(
    0,
    Math.min(Math.floor(p.reported), Math.floor(since) + BEAT_SLACK_SECONDS, 2 * HEARTBEAT_SECONDS),
  );
  return Math.min(p.capSeconds, p.seconds + add);
}

/** The seconds of visible reading that finish an item of `minutes` at the tenant's ratio. */
export const secondsToFinish = (minutes: number, ratio: number): number => Math.ceil(minutes * 60 * ratio);

// ---------------------------------------------------------------- classes and imports

/** `2026-007`: a tenant's class serial of the year. */
export const classCode = (year: number, serial: number): string =>
  `${year}-${String(serial).padStart(3, '0')}`;

/** `2026-007-012`: the completion record of the 12th participant marked present. */
export const certificateNo = (code: string, serial: number): string =>
  `${code}-${String(serial).padStart(3, '0')}`;

/** Points of an outside platform turned into class hours at the tenant's rate, to one decimal. */
export const pointsToHours = (points: number, pointsPerHour: number): number =>
  round1(points / pointsPerHour);

/** Whether two periods (inclusive dates) overlap. */
export const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }): boolean =>
  a.from <= b.to && b.from <= a.to;

/** Whole half hours, as class hours are counted. */
export const isHalfHours = (n: number): boolean =>
  Number.isFinite(n) && Math.abs(n * 2 - Math.round(n * 2)) < 1e-9;
