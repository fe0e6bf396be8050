import { describe, expect, it } from 'vitest';
import {
  type AttendanceEntry,
  attendanceCounts,
  attendanceRate,
  checkVote,
  complianceStatus,
  computeCompliance,
  DEFAULT_SETTINGS,
  type HeldMeeting,
  isCommitteePost,
  isLate,
  isSilent,
  meetingQuorum,
  owesUnit,
  periodOf,
  resolutionText,
  signInRefusal,
  tallyVote,
  unitsOf,
} from './rules';
import { meetingSettings } from './settings';

describe('periods and units', () => {
  it.each([
    [2025, undefined, '2025-01-01', '2025-12-31'],
    [2025, 1, '2025-01-01', '2025-03-31'],
    [2024, 1, '2024-01-01', '2024-03-31'],
    [2025, 4, '2025-10-01', '2025-12-31'],
    [2024, 2, '2024-04-01', '2024-06-30'],
  ])('periodOf(%s, Q%s) = %s … %s', (y, q, from, to) => {
    expect(periodOf(y, q)).toEqual({ from, to });
  });

  it.each([
    ['month', periodOf(2025), 12, '2025-02-28'],
    ['month', periodOf(2024, 1), 3, '2024-02-29'],
    ['quarter', periodOf(2025), 4, '2025-06-30'],
    ['quarter', periodOf(2025, 3), 1, '2025-09-30'],
    ['year', periodOf(2025, 2), 1, '2025-12-31'],
    ['half_year', periodOf(2025), 2, '2025-12-31'],
  ] as const)('%s units of a period', (freq, period, n, someEnd) => {
    const units = unitsOf(freq, period);
    expect(units).toHaveLength(n);
    expect(units.map((u) => u.to)).toContain(someEnd);
  });

  it('crosses a year boundary', () => {
    const units = unitsOf('month', { from: '2024-12-01', to: '2025-01-31' });
    expect(units.map((u) => u.from)).toEqual(['2024-12-01', '2025-01-01']);
  });
});

describe('owesUnit: a branch created or dissolved mid-period', () => {
  const march = { from: '2025-03-01', to: '2025-03-31' };
  it.each([
    ['2020-01-01', null, true, 'existed all month'],
    ['2025-03-10', null, true, 'set up on the 10th: 22 of 31 days'],
    ['2025-03-17', null, false, 'set up on the 17th: 15 of 31 days'],
    ['2025-04-01', null, false, 'not yet set up'],
    ['2020-01-01', '2025-03-20', true, 'dissolved on the 20th'],
    ['2020-01-01', '2025-03-05', false, 'dissolved on the 5th'],
    ['2020-01-01', '2025-02-28', false, 'dissolved before'],
  ] as [string, string | null, boolean, string][])(
    'established %s, dissolved %s → %s (%s)',
    (establishedOn, dissolvedOn, owes) => {
      expect(owesUnit(march, { establishedOn, dissolvedOn })).toBe(owes);
    },
  );
});

describe('late entry (补录)', () => {
  it.each([
    ['2025-03-01', '2025-03-08', 7, false],
    ['2025-03-01', '2025-03-09', 7, true],
    ['2025-12-28', '2026-01-05', 7, true],
    ['2025-12-28', '2026-01-04', 7, false],
    ['2025-03-01', '2025-03-02', 0, true],
    ['2025-03-01', '2025-03-01', 0, false],
  ])('held %s, submitted %s, delay %i days → late %s', (held, submitted, days, late) => {
    expect(isLate(held, submitted, days)).toBe(late);
  });
});

describe('settings', () => {
  it('falls back to the defaults for missing or nonsense values', () => {
    expect(meetingSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(meetingSettings({ meetings: { lateAfterDays: -3, lectureFrequency: 'weekly' } })).toEqual(
      DEFAULT_SETTINGS,
    );
    expect(meetingSettings({ meetings: { lateAfterDays: 14, lectureFrequency: 'half_year' } })).toMatchObject(
      {
        lateAfterDays: 14,
        lectureFrequency: 'half_year',
      },
    );
  });
});

const branch = { id: 'b', establishedOn: '2018-01-01', dissolvedOn: null, hasCommittee: true };
const monthly = (kind: string, months: number[], year = 2025, orgId = 'b', late = false): HeldMeeting[] =>
  months.map((m) => ({ orgId, kind, heldOn: `${year}-${String(m).padStart(2, '0')}-15`, late }));
const item = (items: ReturnType<typeof computeCompliance>, kind: string) =>
  items.find((i) => i.kind === kind)!;

describe('computeCompliance', () => {
  const all = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

  it('a fully compliant year is green everywhere', () => {
    const items = computeCompliance({
      branch,
      groups: [{ id: 'g1', establishedOn: '2018-01-01' }],
      meetings: [
        ...monthly('branch_committee_meeting', all),
        ...monthly('theme_party_day', all),
        ...monthly('party_group_meeting', all, 2025, 'g1'),
        ...monthly('branch_general_meeting', [2, 5, 8, 11]),
        ...monthly('party_lecture', [3, 6, 9, 12]),
        ...monthly('organization_life_meeting', [12]),
        ...monthly('democratic_review', [12]),
      ],
      period: periodOf(2025),
      today: '2026-01-10',
      settings: DEFAULT_SETTINGS,
    });
    expect(items.every((i) => i.status === 'green')).toBe(true);
    expect(item(items, 'branch_committee_meeting')).toMatchObject({ expected: 12, held: 12, missing: 0 });
    expect(item(items, 'branch_general_meeting')).toMatchObject({ expected: 4, held: 4 });
  });

  it('a branch without a committee owes no committee meetings', () => {
    const items = computeCompliance({
      branch: { ...branch, hasCommittee: false },
      groups: [],
      meetings: [],
      period: periodOf(2025),
      today: '2026-01-10',
      settings: DEFAULT_SETTINGS,
    });
    expect(item(items, 'branch_committee_meeting')).toMatchObject({ expected: 0, status: 'green' });
    expect(item(items, 'party_group_meeting')).toMatchObject({ expected: 0, status: 'green' });
    expect(item(items, 'theme_party_day')).toMatchObject({ expected: 12, missing: 12, status: 'red' });
  });

  it('several groups each owe their own monthly meeting', () => {
    const items = computeCompliance({
      branch,
      groups: [
        { id: 'g1', establishedOn: '2018-01-01' },
        { id: 'g2', establishedOn: '2018-01-01' },
        { id: 'g3', establishedOn: '2025-07-01' },
      ],
      meetings: [
        ...monthly('party_group_meeting', all, 2025, 'g1'),
        ...monthly('party_group_meeting', [1, 2], 2025, 'g2'),
      ],
      period: periodOf(2025),
      today: '2026-01-10',
      settings: DEFAULT_SETTINGS,
    });
    expect(item(items, 'party_group_meeting')).toMatchObject({
      expected: 12 + 12 + 6,
      held: 14,
      missing: 16,
    });
  });

  it('counts the future part of the period in expected but not against the branch', () => {
    const items = computeCompliance({
      branch,
      groups: [],
      meetings: monthly('theme_party_day', [1, 2, 3, 4]),
      period: periodOf(2025),
      today: '2025-05-10',
      settings: DEFAULT_SETTINGS,
    });
    expect(item(items, 'theme_party_day')).toMatchObject({
      expected: 12,
      due: 4,
      held: 4,
      missing: 0,
      status: 'green',
    });
    expect(item(items, 'branch_general_meeting')).toMatchObject({
      expected: 4,
      due: 1,
      held: 0,
      missing: 1,
      status: 'red',
    });
  });

  it('a quarter at the year boundary: Q4 owes the yearly meetings', () => {
    const items = computeCompliance({
      branch,
      groups: [],
      meetings: monthly('organization_life_meeting', [12], 2025),
      period: periodOf(2025, 4),
      today: '2026-01-05',
      settings: DEFAULT_SETTINGS,
    });
    expect(item(items, 'organization_life_meeting')).toMatchObject({ expected: 1, held: 1, status: 'green' });
    expect(item(items, 'democratic_review')).toMatchObject({
      expected: 1,
      held: 0,
      missing: 1,
      status: 'red',
    });
    expect(item(items, 'theme_party_day')).toMatchObject({ expected: 3 });
  });

  it('a meeting of the previous year does not count for this one', () => {
    const items = computeCompliance({
      branch,
      groups: [],
      meetings: monthly('branch_general_meeting', [12], 2024),
      period: periodOf(2025, 1),
      today: '2025-04-05',
      settings: DEFAULT_SETTINGS,
    });
    expect(item(items, 'branch_general_meeting')).toMatchObject({ expected: 1, held: 0, status: 'red' });
  });

  it('late records cover the unit but turn it yellow, counted apart', () => {
    const items = computeCompliance({
      branch,
      groups: [],
      meetings: [
        ...monthly('theme_party_day', [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
        ...monthly('theme_party_day', [3], 2025, 'b', true),
      ],
      period: periodOf(2025),
      today: '2026-01-10',
      settings: DEFAULT_SETTINGS,
    });
    expect(item(items, 'theme_party_day')).toMatchObject({ held: 12, late: 1, status: 'yellow' });
  });

  it('a branch created mid-year owes only its active months; dissolved mid-year likewise', () => {
    const created = computeCompliance({
      branch: { ...branch, establishedOn: '2025-07-10' },
      groups: [],
      meetings: [],
      period: periodOf(2025),
      today: '2026-01-10',
      settings: DEFAULT_SETTINGS,
    });
    expect(item(created, 'theme_party_day').expected).toBe(6);
    expect(item(created, 'branch_general_meeting').expected).toBe(2);
    const dissolved = computeCompliance({
      branch: { ...branch, dissolvedOn: '2025-04-30' },
      groups: [],
      meetings: [],
      period: periodOf(2025),
      today: '2026-01-10',
      settings: DEFAULT_SETTINGS,
    });
    expect(item(dissolved, 'theme_party_day').expected).toBe(4);
    expect(item(dissolved, 'organization_life_meeting').expected).toBe(0);
  });

  it('lecture frequency is a setting', () => {
    const items = computeCompliance({
      branch,
      groups: [],
      meetings: [],
      period: periodOf(2025),
      today: '2026-01-10',
      settings: { ...DEFAULT_SETTINGS, lectureFrequency: 'half_year' },
    });
    expect(item(items, 'party_lecture').expected).toBe(2);
  });

  it.each([
    ['month', 0, 0, 'green'],
    ['month', 1, 0, 'yellow'],
    ['month', 2, 0, 'red'],
    ['month', 0, 3, 'yellow'],
    ['quarter', 1, 0, 'red'],
    ['year', 0, 1, 'yellow'],
  ] as const)('status of %s with %i missing and %i late is %s', (freq, missing, late, status) => {
    expect(complianceStatus(freq, missing, late)).toBe(status);
  });
});

describe('silent branches (静默)', () => {
  it.each([
    ['2025-03-01', '2025-03-31', false],
    ['2025-03-01', '2025-04-01', true],
    [null, '2025-04-01', true],
  ])('last held %s, today %s → silent %s', (last, today, silent) => {
    expect(isSilent(last, today, '2020-01-01', 30)).toBe(silent);
  });
  it('a new branch is not judged before 30 days', () => {
    expect(isSilent(null, '2025-04-01', '2025-03-15', 30)).toBe(false);
  });
});

const person = (
  i: number,
  partyStatus: string,
  status: AttendanceEntry['status'],
  exempt = false,
): AttendanceEntry => ({
  personId: `p${i}`,
  name: `党员${i}`,
  partyStatus,
  exempt,
  status,
});
const roll = (full: [number, number], probationary: [number, number] = [0, 0], exemptAbsent = 0) => {
  const out: AttendanceEntry[] = [];
  let i = 0;
  for (let k = 0; k < full[0]; k++) out.push(person(i++, 'full', 'present'));
  for (let k = 0; k < full[1]; k++) out.push(person(i++, 'full', 'absent'));
  for (let k = 0; k < probationary[0]; k++) out.push(person(i++, 'probationary', 'present'));
  for (let k = 0; k < probationary[1]; k++) out.push(person(i++, 'probationary', 'leave'));
  for (let k = 0; k < exemptAbsent; k++) out.push(person(i++, 'full', 'absent', true));
  return out;
};
const vote = (yes: number, no = 0, abstain = 0, writtenYes = 0) => ({
  subject: '接收张三为预备党员',
  type: 'admission' as const,
  yes,
  no,
  abstain,
  writtenYes,
});

describe('votes of the 支部党员大会', () => {
  it.each([
    // [full present, full absent], [prob present, prob absent], exempt absent, yes, written yes → quorum, passed
    [[6, 4], [0, 0], 0, 6, 0, true, true, 'plain majority'],
    [[5, 5], [0, 0], 0, 5, 0, false, false, 'exactly half present: no quorum'],
    [[6, 4], [0, 0], 0, 5, 0, true, false, 'yes exactly at half: fails'],
    [[6, 4], [0, 0], 0, 5, 1, true, true, 'a written yes of an absent voter tips it'],
    [[5, 5], [3, 0], 0, 5, 0, false, false, 'probationary members present do not make the quorum'],
    [[4, 6], [0, 0], 4, 4, 0, false, false, 'exempt absentees are not expected but the rest still fail'],
    [[4, 2], [0, 0], 4, 4, 0, true, true, 'exempt absentees leave the expected count: 4 of 6'],
    [[7, 0], [2, 1], 0, 4, 0, true, true, 'four of seven full members'],
  ] as const)(
    '%j full, %j probationary, %i exempt, %i yes (+%i written) → quorum %s, passed %s (%s)',
    (full, prob, exempt, yes, written, quorum, passed, _label) => {
      const attendance = roll([full[0], full[1]], [prob[0], prob[1]], exempt);
      const t = tallyVote(attendance, vote(yes, 0, 0, written));
      expect(t.quorum).toBe(quorum);
      expect(t.passed).toBe(passed);
    },
  );

  it('refuses more votes than voting members present', () => {
    const attendance = roll([3, 1], [2, 0]);
    expect(checkVote(attendance, vote(4))).toContain('预备党员没有表决权');
    expect(checkVote(attendance, vote(3))).toBeNull();
    expect(checkVote(attendance, vote(3, 0, 0, 2))).toContain('书面意见');
  });

  it('writes the resolution from the data', () => {
    const attendance = roll([6, 4]);
    const text = resolutionText('2025-06-18', vote(6, 0, 0), tallyVote(attendance, vote(6)));
    expect(text).toContain('2025年6月18日');
    expect(text).toContain('应到会有表决权的党员10名，实到6名');
    expect(text).toContain('获得通过');
    const failed = resolutionText('2025-06-18', vote(5), tallyVote(attendance, vote(5)));
    expect(failed).toContain('未获通过');
  });
});

describe('meeting quorum', () => {
  it.each([
    ['branch_committee_meeting', roll([3, 2]), true],
    ['branch_committee_meeting', roll([2, 2]), false],
    ['branch_general_meeting', roll([5, 5], [4, 0]), false],
    ['branch_general_meeting', roll([6, 4], [0, 2]), true],
    ['theme_party_day', roll([1, 9]), null],
  ] as const)('%s → %s', (kind, attendance, quorum) => {
    expect(meetingQuorum(kind, attendance)).toBe(quorum);
  });
});

describe('attendance rate', () => {
  it('leaves exempt absentees out and counts leave as not present', () => {
    expect(
      attendanceRate([
        person(1, 'full', 'present'),
        person(2, 'full', 'leave'),
        person(3, 'full', 'absent', true),
      ]),
    ).toBe(0.5);
    expect(attendanceRate([person(1, 'full', 'present', true)])).toBe(1);
    expect(attendanceRate([])).toBeNull();
  });
});

describe('branch committee members from party posts (isCommitteePost)', () => {
  it.each([
    ['党支部书记', true],
    ['支部书记', true],
    ['书记', true],
    ['党支部副书记', true],
    ['副书记', true],
    ['组织委员', true],
    ['宣传委员', true],
    ['纪检委员', true],
    ['青年委员', true],
    ['委员', true],
    ['支部委员', true],
    ['支委', true],
    ['党支部副书记、纪检委员', true],
    ['党小组长，宣传委员', true],
    ['党支部书记兼党总支委员', true],
    [' 组织委员 ', true],
    ['党小组长', false],
    ['党委委员', false],
    ['党总支委员', false],
    ['党总支书记', false],
    ['团支部书记', false],
    ['团委书记', false],
    ['工会委员', false],
    ['分工会主席', false],
    ['纪委书记', false],
    ['原党支部书记', false],
    ['前任组织委员', false],
    ['党员', false],
    ['', false],
    [null, false],
    [undefined, false],
  ] as const)('%j → %s', (posts, expected) => {
    expect(isCommitteePost(posts)).toBe(expected);
  });
});

describe('guests at a committee meeting (列席)', () => {
  const guest = (i: number): AttendanceEntry => ({ ...person(i, 'full', 'present'), guest: true });

  it.each([
    ['3 of 5 members present', [...roll([3, 2])], true],
    [
      '2 of 4 members present, 3 guests do not make it valid',
      [...roll([2, 2]), guest(90), guest(91), guest(92)],
      false,
    ],
    ['1 of 1 member present', roll([1, 0]), true],
    ['only guests', [guest(90)], null],
  ] as const)('%s → quorum %s', (_, attendance, quorum) => {
    expect(meetingQuorum('branch_committee_meeting', [...attendance])).toBe(quorum);
  });

  it('leaves guests out of 应到, 实到 and the rate, and counts them apart', () => {
    const attendance = [...roll([2, 1]), guest(90), guest(91)];
    expect(attendanceCounts(attendance)).toEqual({ expected: 3, present: 2, leave: 0, absent: 1, guests: 2 });
    expect(attendanceRate(attendance)).toBeCloseTo(2 / 3);
    expect(attendanceRate([guest(90)])).toBeNull();
  });

  it('a guest never votes at a branch general meeting', () => {
    const attendance = [...roll([3, 3]), guest(90), guest(91)];
    expect(meetingQuorum('branch_general_meeting', attendance)).toBe(false);
  });
});

describe('self sign-in (签到) of the 支部党员大会', () => {
  const general = { kind: 'branch_general_meeting', status: 'draft', heldOn: '2024-02-29' };
  it.each([
    ['on the day, on the list', general, '2024-02-29', true, null],
    ['the day before', general, '2024-02-28', true, '会议当天'],
    ['the day after (leap day passed)', general, '2024-03-01', true, '已过'],
    ['not on the list', general, '2024-02-29', false, '应到名单'],
    ['record already submitted', { ...general, status: 'submitted' }, '2024-02-29', true, '已提交'],
    ['cancelled plan', { ...general, status: 'cancelled' }, '2024-02-29', true, '已取消'],
    [
      'a committee meeting',
      { ...general, kind: 'branch_committee_meeting' },
      '2024-02-29',
      true,
      '支部党员大会',
    ],
    ['year end', { ...general, heldOn: '2025-12-31' }, '2026-01-01', true, '已过'],
  ] as const)('%s', (_, meeting, today, onList, refusal) => {
    const why = signInRefusal(meeting, today, onList);
    if (refusal === null) expect(why).toBeNull();
    else expect(why).toContain(refusal);
  });
});
