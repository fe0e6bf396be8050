import { describe, expect, it } from 'vitest';
import {
  canContain,
  childPath,
  type DateBound,
  existsOn,
  movedPath,
  type OrgType,
  type ParentInterval,
  parentOn,
  pathDepth,
  reorgDateProblem,
  type SizeWarning,
  sizeWarnings,
} from './rules';

describe('canContain', () => {
  // [parent, child, allowed] — every pair of the four types.
  const cases: [OrgType, OrgType, boolean][] = [
    ['committee', 'committee', false],
    ['committee', 'general_branch', true],
    ['committee', 'branch', true],
    ['committee', 'party_group', false],
    ['general_branch', 'committee', false],
    ['general_branch', 'general_branch', false],
    ['general_branch', 'branch', true],
    ['general_branch', 'party_group', false],
    ['branch', 'committee', false],
    ['branch', 'general_branch', false],
    ['branch', 'branch', false],
    ['branch', 'party_group', true],
    ['party_group', 'committee', false],
    ['party_group', 'general_branch', false],
    ['party_group', 'branch', false],
    ['party_group', 'party_group', false],
  ];

  it.each(cases)('%s ⊃ %s → %s', (parent, child, allowed) => {
    expect(canContain(parent, child)).toBe(allowed);
  });
});

describe('sizeWarnings', () => {
  const tooFew = (full: number): SizeWarning => ({
    code: 'too_few_full_members',
    message: `正式党员 ${full} 人，少于 3 人，不具备单独成立党支部的条件`,
  });
  const tooMany = (members: number): SizeWarning => ({
    code: 'too_many_members',
    message: `党员 ${members} 人，超过 50 人，一般应分设党支部`,
  });
  const committeeRequired = (full: number): SizeWarning => ({
    code: 'committee_required',
    message: `正式党员 ${full} 人（7 人以上），应设立支部委员会`,
  });

  type Org = { type: string; hasCommittee: boolean; dissolvedOn?: string | null };
  const branch: Org = { type: 'branch', hasCommittee: false };
  const branchWithCommittee: Org = { type: 'branch', hasCommittee: true };

  // [case, org, full, probationary, warnings]
  const cases: [string, Org, number, number, SizeWarning[]][] = [
    ['no members at all', branch, 0, 0, [tooFew(0)]],
    ['2 full members', branch, 2, 0, [tooFew(2)]],
    ['2 full + 5 probationary still too few full', branch, 2, 5, [tooFew(2)]],
    ['exactly 3 full members', branch, 3, 0, []],
    ['6 full without committee', branch, 6, 0, []],
    ['7 full without committee', branch, 7, 0, [committeeRequired(7)]],
    ['7 full with committee', branchWithCommittee, 7, 0, []],
    ['6 full + 3 probationary without committee (only full members count)', branch, 6, 3, []],
    ['exactly 50 members', branchWithCommittee, 45, 5, []],
    ['51 members', branchWithCommittee, 45, 6, [tooMany(51)]],
    ['51 full members without committee', branch, 51, 0, [tooMany(51), committeeRequired(51)]],
    ['2 full + 49 probationary', branch, 2, 49, [tooFew(2), tooMany(51)]],
    ['dissolved branch', { type: 'branch', hasCommittee: false, dissolvedOn: '2024-01-01' }, 1, 60, []],
    [
      'branch with dissolvedOn null',
      { type: 'branch', hasCommittee: false, dissolvedOn: null },
      2,
      0,
      [tooFew(2)],
    ],
    ['committee', { type: 'committee', hasCommittee: false }, 1, 80, []],
    ['general branch', { type: 'general_branch', hasCommittee: false }, 2, 60, []],
    ['party group', { type: 'party_group', hasCommittee: false }, 0, 0, []],
  ];

  it.each(cases)('%s', (_name, org, full, probationary, warnings) => {
    expect(sizeWarnings(org, { full, probationary })).toEqual(warnings);
  });
});

describe('movedPath', () => {
  // [case, path, old prefix, new prefix, result]
  const cases: [string, string, string, string, string][] = [
    ['the moved root itself', '/c/g1/b1/', '/c/g1/b1/', '/c/g2/b1/', '/c/g2/b1/'],
    ['a child of the moved root', '/c/g1/b1/pg1/', '/c/g1/b1/', '/c/g2/b1/', '/c/g2/b1/pg1/'],
    ['a branch moved up to the committee', '/c/g1/b1/pg1/', '/c/g1/b1/', '/c/b1/', '/c/b1/pg1/'],
    ['a branch moved down into a general branch', '/c/b1/pg1/', '/c/b1/', '/c/g1/b1/', '/c/g1/b1/pg1/'],
    ['a whole general branch', '/c/g1/b1/pg1/', '/c/g1/', '/c/g9/', '/c/g9/b1/pg1/'],
  ];

  it.each(cases)('%s', (_name, path, oldPrefix, newPrefix, result) => {
    expect(movedPath(path, oldPrefix, newPrefix)).toBe(result);
  });

  // [case, path, old prefix]
  const outside: [string, string, string][] = [
    ['a sibling', '/c/g2/b1/', '/c/g1/'],
    ['an ancestor', '/c/', '/c/g1/'],
    ['a look-alike prefix', '/c/g10/b1/', '/c/g1/'],
  ];

  it.each(outside)('throws for %s', (_name, path, oldPrefix) => {
    expect(() => movedPath(path, oldPrefix, '/c/g3/')).toThrow(`${path} is not under ${oldPrefix}`);
  });
});

describe('childPath and pathDepth', () => {
  it.each([
    ['/c/', 'g1', '/c/g1/'],
    ['/c/g1/', 'b1', '/c/g1/b1/'],
    ['/c/g1/b1/', 'pg1', '/c/g1/b1/pg1/'],
  ])('childPath(%s, %s) = %s', (parent, id, path) => {
    expect(childPath(parent, id)).toBe(path);
  });

  it.each([
    ['/c/', 0],
    ['/c/g1/', 1],
    ['/c/g1/b1/', 2],
    ['/c/g1/b1/pg1/', 3],
  ] as const)('pathDepth(%s) = %i', (path, depth) => {
    expect(pathDepth(path)).toBe(depth);
  });
});

describe('reorgDateProblem', () => {
  const today = '2026-06-30';
  const founded: DateBound = { what: '本组织的成立日期', date: '2018-03-01' };
  const placed: DateBound = { what: '本组织隶属现上级组织的起始日期', date: '2025-06-01' };
  const joined: DateBound = { what: '某成员加入本支部的日期', who: '张三', date: '2024-03-01' };
  const left: DateBound = { what: '某人调离本组织的日期', who: '李四', date: '2025-02-01' };

  // [case, verb, on, bounds, message]
  const cases: [string, '调整' | '合并' | '撤销', string, DateBound[], string | null][] = [
    ['after every bound', '合并', '2025-07-01', [founded, joined, left], null],
    ['on the latest bound (an empty interval is fine)', '合并', '2025-02-01', [founded, joined, left], null],
    ['today itself', '撤销', today, [founded], null],
    ['no bounds at all', '调整', '2000-01-01', [], null],
    ['tomorrow', '调整', '2026-07-01', [], '调整日期不能晚于今天（2026-06-30）'],
    [
      'future wins over a bound',
      '合并',
      '2027-01-01',
      [{ ...founded, date: '2027-06-01' }],
      '合并日期不能晚于今天（2026-06-30）',
    ],
    ['before the founding', '撤销', '2017-12-31', [founded], '撤销日期早于本组织的成立日期（2018-03-01）'],
    [
      'before a member joined, naming them',
      '合并',
      '2024-01-01',
      [founded, joined],
      '合并日期早于某成员加入本支部的日期（张三，2024-03-01）',
    ],
    [
      'several broken: the latest one, the earliest date accepted',
      '合并',
      '2017-01-01',
      [founded, joined, left],
      '合并日期早于某人调离本组织的日期（李四，2025-02-01）',
    ],
    [
      'before the current interval began',
      '调整',
      '2025-05-31',
      [founded, placed],
      '调整日期早于本组织隶属现上级组织的起始日期（2025-06-01）',
    ],
    [
      'equal dates keep the first named',
      '调整',
      '2018-01-01',
      [founded, { ...placed, date: '2018-03-01' }],
      '调整日期早于本组织的成立日期（2018-03-01）',
    ],
  ];

  it.each(cases)('%s', (_name, verb, on, bounds, message) => {
    expect(reorgDateProblem(verb, on, today, bounds)).toBe(message);
  });
});

describe('parentOn', () => {
  // Under g1 from its founding, moved to g2 on 2025-06-01, then to g3 on 2025-06-01 too (a same-day correction).
  const history: ParentInterval[] = [
    { parentId: 'g1', validFrom: '2018-03-01', validTo: '2025-06-01' },
    { parentId: 'g2', validFrom: '2025-06-01', validTo: '2025-06-01' },
    { parentId: 'g3', validFrom: '2025-06-01', validTo: null },
  ];
  // [case, history, date, parent]
  const cases: [string, ParentInterval[], string, string | null | undefined][] = [
    ['before the founding', history, '2018-02-28', undefined],
    ['on the founding day', history, '2018-03-01', 'g1'],
    ['the day before the move', history, '2025-05-31', 'g1'],
    ['on the move day: the new parent (intervals end exclusive)', history, '2025-06-01', 'g3'],
    ['long after', history, '2030-01-01', 'g3'],
    [
      'a root has no parent',
      [{ parentId: null, validFrom: '2005-03-01', validTo: null }],
      '2020-01-01',
      null,
    ],
    ['no history', [], '2020-01-01', undefined],
  ];

  it.each(cases)('%s', (_name, h, date, parent) => {
    expect(parentOn(h, date)).toBe(parent);
  });
});

describe('existsOn', () => {
  // [case, established, dissolved, date, exists]
  const cases: [string, string, string | null, string, boolean][] = [
    ['before the founding', '2018-03-01', null, '2018-02-28', false],
    ['on the founding day', '2018-03-01', null, '2018-03-01', true],
    ['still active', '2018-03-01', null, '2030-01-01', true],
    ['the day before dissolution', '2018-03-01', '2025-06-01', '2025-05-31', true],
    [
      'on the dissolution (merge) day: members are already in the new branch',
      '2018-03-01',
      '2025-06-01',
      '2025-06-01',
      false,
    ],
  ];

  it.each(cases)('%s', (_name, establishedOn, dissolvedOn, date, exists) => {
    expect(existsOn({ establishedOn, dissolvedOn }, date)).toBe(exists);
  });
});
