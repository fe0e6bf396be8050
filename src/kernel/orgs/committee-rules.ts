/**
 * Committees and terms of party organizations, pure. 《中国共产党支部工作条例（试行）》(2018) ch. 6: a
 * branch with 7 or more full members sets up a branch committee (支部委员会) of 3 to 5 members, normally
 * at most 7: a secretary and 组织、宣传、纪检 members and others, a deputy secretary where needed; a branch
 * with fewer full members has a secretary and, where needed, a deputy. A committee's term is 3 years
 * (5 in villages and communities). 《中国共产党基层组织选举工作条例》(2020): a committee is re-elected
 * when its term ends; an early or late election needs the superior's approval and is normally at most
 * one year off.
 */

export const COMMITTEE_RULESETS = [
  { name: '中国共产党支部工作条例（试行）', version: '2018', effectiveFrom: '2018-10-28' },
  { name: '中国共产党基层组织选举工作条例', version: '2020', effectiveFrom: '2020-07-13' },
] as const;

export const POSTS = [
  'secretary',
  'deputy_secretary',
  'organization',
  'publicity',
  'discipline',
  'youth',
  'women',
  'member',
] as const;
export type Post = (typeof POSTS)[number];

export const POST_LABELS: Record<Post, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organization: '组织委员',
  publicity: '宣传委员',
  discipline: '纪检委员',
  youth: '青年委员',
  women: '妇女委员',
  member: '委员',
};

/** Posts one person holds at a time; a new holder ends the previous one's. */
export const SINGLE_POSTS: readonly Post[] = [
  'secretary',
  'deputy_secretary',
  'organization',
  'publicity',
  'discipline',
  'youth',
  'women',
];

/** Posts a branch without a committee has (书记, 副书记): they alone make no committee. */
export const LEADER_POSTS: readonly Post[] = ['secretary', 'deputy_secretary'];

export const POST_SOURCES = ['election', 'appointment', 'migrated'] as const;
export type PostSource = (typeof POST_SOURCES)[number];
export const POST_SOURCE_LABELS: Record<PostSource, string> = {
  election: '选举',
  appointment: '任命',
  migrated: '由党内职务迁移',
};

/** One post held over `[from, to)`; `to` null while held. */
export interface PostSpan {
  personId: string;
  post: Post;
  from: string;
  to: string | null;
}

export const heldOn = (p: Pick<PostSpan, 'from' | 'to'>, date: string): boolean =>
  p.from <= date && (p.to === null || date < p.to);

export const postsOn = <T extends PostSpan>(posts: T[], date: string): T[] =>
  posts.filter((p) => heldOn(p, date));

/** A committee exists on a date when a committee member's post (not only 书记/副书记) is held. */
export const hasCommitteeOn = (posts: PostSpan[], date: string): boolean =>
  posts.some((p) => !LEADER_POSTS.includes(p.post) && heldOn(p, date));

/**
 * The intervals `[from, to)` during which a committee existed: the union of the committee members'
 * posts. What a branch owes in committee meetings follows these, not today's committee.
 */
export function committeeIntervals(posts: PostSpan[]): { from: string; to: string | null }[] {
  const spans = posts
    .filter((p) => !LEADER_POSTS.includes(p.post) && (p.to === null || p.to > p.from))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: { from: string; to: string | null }[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && (last.to === null || s.from <= last.to)) {
      if (last.to !== null && (s.to === null || s.to > last.to)) last.to = s.to;
    } else out.push({ from: s.from, to: s.to });
  }
  return out;
}

// ---------------------------------------------------------------- free-text posts (migration)

/** Bodies other than the branch committee whose 书记/委员 a post may name (党委委员, 团支部书记, …). */
const OTHER_BODY = /党委|总支|纪委|团(支部|总支|委)|工会|妇委|职代会|党小组|人大|政协/;
const FORMER = /^(原|前任?|曾任|退休前)/;

/** The post one phrase of free text names, if it is a branch-committee post. */
function postOfPhrase(p: string): Post | null {
  if (!/书记|委员|支委/.test(p) || OTHER_BODY.test(p) || FORMER.test(p)) return null;
  if (/副书记/.test(p)) return 'deputy_secretary';
  if (/书记/.test(p)) return 'secretary';
  if (/组织/.test(p)) return 'organization';
  if (/宣传/.test(p)) return 'publicity';
  if (/纪检|纪律/.test(p)) return 'discipline';
  if (/青年/.test(p)) return 'youth';
  if (/妇女/.test(p)) return 'women';
  return 'member';
}

/**
 * The branch-committee posts named in a person's free-text party posts (people.party_posts, such as
 * “党支部书记、纪检委员”), for migrating them into posts: 书记, 副书记, 组织/宣传/纪检/青年/妇女 委员, 委员,
 * 支委 — not posts of other bodies (党委委员, 团支部书记, 工会委员, …) nor former posts (原…).
 */
export function postsFromText(text: string | null | undefined): Post[] {
  if (!text) return [];
  const found = text
    .split(/[、，,；;／/|\s兼]+/)
    .map((p) => p.trim())
    .map(postOfPhrase)
    .filter((p): p is Post => p !== null);
  return [...new Set(found)];
}

// ---------------------------------------------------------------- terms (换届)

const pad = (n: number) => String(n).padStart(2, '0');

/** A date plus whole calendar months, clamped to the month's end (2024-02-29 + 12 months → 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${pad(nm)}-${pad(Math.min(d, last))}`;
}

export const TERM_STATUSES = ['current', 'due_soon', 'overdue'] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];
export const TERM_STATUS_LABELS: Record<TermStatus, string> = {
  current: '任期内',
  due_soon: '即将届满',
  overdue: '逾期未换届',
};

/** The end of a term begun on `startedOn`: the same day `years` later. */
export const termEnd = (startedOn: string, years: number): string => addMonths(startedOn, years * 12);

/**
 * A term's status today: overdue once its end has passed without a new term, due soon from
 * `reminderMonths` before its end (the superior is reminded then), current before that.
 */
export function termStatus(endsOn: string, today: string, reminderMonths: number): TermStatus {
  if (endsOn <= today) return 'overdue';
  if (addMonths(endsOn, -reminderMonths) <= today) return 'due_soon';
  return 'current';
}

/**
 * Whether a new term begun on `startedOn` may follow one ending on `previousEndsOn`: on time needs
 * nothing, early or late needs a reason (the superior's approval), more than a year off is refused
 * (《基层组织选举工作条例》: 延长期限一般不超过1年; an early election likewise). Null when allowed.
 */
export function electionTimingProblem(
  previousEndsOn: string | null,
  startedOn: string,
  reason: string | null | undefined,
): string | null {
  if (!previousEndsOn || previousEndsOn === startedOn) return null;
  const early = startedOn < previousEndsOn;
  const limit = addMonths(previousEndsOn, early ? -12 : 12);
  if (early ? startedOn < limit : startedOn > limit)
    return `${early ? '提前' : '延期'}换届不能超过1年（上届任期至 ${previousEndsOn}）`;
  if (!reason?.trim())
    return `${early ? '提前' : '延期'}换届（上届任期至 ${previousEndsOn}）须说明原因（上级党组织批准情况）`;
  return null;
}
