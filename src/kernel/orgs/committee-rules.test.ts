import { describe, expect, it } from 'vitest';
import {
  addMonths,
  committeeIntervals,
  electionTimingProblem,
  hasCommitteeOn,
  type Post,
  type PostSpan,
  postsFromText,
  termEnd,
  termStatus,
} from './committee-rules';

describe('free-text party posts migrated into posts (postsFromText)', () => {
  it.each([
    ['党支部书记', ['secretary']],
    ['支部书记', ['secretary']],
    ['书记', ['secretary']],
    ['党支部副书记', ['deputy_secretary']],
    ['副书记', ['deputy_secretary']],
    ['组织委员', ['organization']],
    ['宣传委员', ['publicity']],
    ['纪检委员', ['discipline']],
    ['青年委员', ['youth']],
    ['委员', ['member']],
    ['支部委员', ['member']],
    ['支委', ['member']],
    ['党支部副书记、纪检委员', ['deputy_secretary', 'discipline']],
    ['党小组长，宣传委员', ['publicity']],
    ['党支部书记兼党总支委员', ['secretary']],
    [' 组织委员 ', ['organization']],
    ['党小组长', []],
    ['党委委员', []],
    ['党总支委员', []],
    ['党总支书记', []],
    ['团支部书记', []],
    ['团委书记', []],
    ['工会委员', []],
    ['分工会主席', []],
    ['纪委书记', []],
    ['原党支部书记', []],
    ['前任组织委员', []],
    ['党员', []],
    ['', []],
    [null, []],
    [undefined, []],
  ] as [string | null | undefined, Post[]][])('%j → %j', (text, posts) => {
    expect(postsFromText(text)).toEqual(posts);
  });
});

const span = (post: Post, from: string, to: string | null = null, personId = 'p'): PostSpan => ({
  personId,
  post,
  from,
  to,
});

describe('a committee from its posts', () => {
  it('exists while a committee member’s post is held, not with a secretary and deputy alone', () => {
    const posts = [span('secretary', '2020-01-01'), span('deputy_secretary', '2021-01-01')];
    expect(hasCommitteeOn(posts, '2025-01-01')).toBe(false);
    const elected = [...posts, span('organization', '2025-06-20', null, 'q')];
    expect(hasCommitteeOn(elected, '2025-06-19')).toBe(false);
    expect(hasCommitteeOn(elected, '2025-06-20')).toBe(true);
  });

  it('its spans are the union of the members’ posts, ended posts closing it', () => {
    expect(
      committeeIntervals([
        span('secretary', '2019-01-01'),
        span('organization', '2020-01-01', '2022-03-01'),
        span('publicity', '2021-06-01', '2022-06-01'),
        span('member', '2023-01-01'),
      ]),
    ).toEqual([
      { from: '2020-01-01', to: '2022-06-01' },
      { from: '2023-01-01', to: null },
    ]);
  });
});

describe('terms (换届)', () => {
  it.each([
    ['2023-05-20', 3, '2026-05-20'],
    ['2024-02-29', 3, '2027-02-28'],
    ['2021-11-18', 5, '2026-11-18'],
  ])('begun %s for %i years ends %s', (start, years, end) => {
    expect(termEnd(start, years)).toBe(end);
  });

  it.each([
    ['2027-06-30', 'current'],
    ['2027-05-19', 'current'],
    ['2027-05-18', 'due_soon'],
    ['2026-12-01', 'due_soon'],
    ['2026-11-19', 'due_soon'],
    ['2026-11-18', 'overdue'],
    ['2025-01-01', 'overdue'],
  ] as const)('ending %s, today 2026-11-18 → %s', (endsOn, status) => {
    expect(termStatus(endsOn, '2026-11-18', 6)).toBe(status);
  });

  it.each([
    [null, '2026-05-01', null, null],
    ['2026-05-01', '2026-05-01', null, null],
    ['2026-05-01', '2026-03-01', null, '提前换届（上届任期至 2026-05-01）须说明原因'],
    ['2026-05-01', '2026-03-01', '上级批复同意提前换届', null],
    ['2026-05-01', '2026-09-01', '抢修施工，经批准延期', null],
    ['2026-05-01', '2027-05-01', '延期', null],
    ['2026-05-01', '2027-05-02', '延期', '延期换届不能超过1年'],
    ['2026-05-01', '2025-04-30', '提前', '提前换届不能超过1年'],
  ] as const)('previous term to %s, elected %s, reason %j → %j', (prev, start, reason, problem) => {
    const why = electionTimingProblem(prev, start, reason);
    if (problem === null) expect(why).toBeNull();
    else expect(why).toContain(problem);
  });

  it('adds months clamped to the month’s end', () => {
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2026-11-18', -36)).toBe('2023-11-18');
  });
});
