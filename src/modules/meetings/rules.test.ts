import { describe, expect, it } from 'vitest';
import {
  type ComplianceInput,
  complianceStatus,
  computeCompliance,
  type HeldMeeting,
  isSilent,
  onTodo,
  owedUnits,
  requirements,
} from './rules';
import { isLate, owesUnit, periodOf, unitsOf } from './rules-periods';
import { DEFAULT_SETTINGS } from './rules-settings';
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

describe('owed-if-active: founded on the 16th or the 17th, dissolved mid-month (dissolution day excluded)', () => {
  const nov = { from: '2026-11-01', to: '2026-11-30' }; // 30 days: half is 15
  const dec = { from: '2026-12-01', to: '2026-12-31' }; // 31 days: half is 15.5
  it.each([
    [nov, '2026-11-16', null, true, '30-day month, founded on the 16th: 15 days, half'],
    [nov, '2026-11-17', null, false, '30-day month, founded on the 17th: 14 days'],
    [dec, '2026-12-16', null, true, '31-day month, founded on the 16th: 16 days'],
    [dec, '2026-12-17', null, false, '31-day month, founded on the 17th: 15 days, under half'],
    [nov, '2020-01-01', '2026-11-16', true, 'dissolved on the 16th: existed 15 days (1st–15th)'],
    [nov, '2020-01-01', '2026-11-15', false, 'dissolved on the 15th: existed 14 days'],
    [nov, '2020-01-01', '2026-11-01', false, 'dissolved on the 1st: not a day of it'],
  ] as [typeof nov, string, string | null, boolean, string][])(
    '%j, founded %s, dissolved %s → %s (%s)',
    (unit, establishedOn, dissolvedOn, owes) => {
      expect(owesUnit(unit, { establishedOn, dissolvedOn })).toBe(owes);
    },
  );

  it('the share is a setting', () => {
    const third = { numerator: 1, denominator: 3 };
    expect(owesUnit(nov, { establishedOn: '2026-11-20', dissolvedOn: null }, third)).toBe(true);
    expect(owesUnit(nov, { establishedOn: '2026-11-22', dissolvedOn: null }, third)).toBe(false);
  });
});

const base = (over: Partial<ComplianceInput> = {}): ComplianceInput => ({
  branch: { id: 'b', establishedOn: '2018-01-01', dissolvedOn: null, hasCommittee: true },
  groups: [],
  meetings: [],
  period: periodOf(2026, 3),
  today: '2026-11-18',
  settings: DEFAULT_SETTINGS,
  ...over,
});

describe('one answer to what a branch owes (owedUnits): compliance and the to-do agree', () => {
  it('a meeting without its quorum in an otherwise empty quarter does not count as held', () => {
    const items = computeCompliance(
      base({
        meetings: [
          { orgId: 'b', kind: 'branch_general_meeting', heldOn: '2026-08-20', late: false, valid: false },
        ],
      }),
    );
    expect(item(items, 'branch_general_meeting')).toMatchObject({
      expected: 1,
      held: 0,
      missing: 1,
      meetings: 1,
      invalid: 1,
      status: 'red',
    });
  });

  it('a committee elected mid-year owes committee meetings from its election on', () => {
    const items = computeCompliance(
      base({
        period: periodOf(2026),
        branch: {
          id: 'b',
          establishedOn: '2018-01-01',
          dissolvedOn: null,
          hasCommittee: true,
          committeeSpans: [{ from: '2026-06-20', to: null }],
        },
      }),
    );
    // June: 11 of 30 days with a committee, under half: owed from July. Months to October are past.
    expect(item(items, 'branch_committee_meeting')).toMatchObject({ expected: 6, due: 4, missing: 4 });
    const before = computeCompliance(base({ branch: { ...base().branch, committeeSpans: [] } }));
    expect(item(before, 'branch_committee_meeting').expected).toBe(0);
  });

  it('a party group merged into another branch mid-quarter owes each branch the months it hung there', () => {
    // Quarter 3: under the old branch up to 8-10, under this one from then (the merge day).
    const g = { id: 'g', establishedOn: '2018-01-01', dissolvedOn: null };
    const here = computeCompliance(
      base({
        groups: [{ ...g, spans: [{ from: '2026-08-10', to: null }] }],
        meetings: [{ orgId: 'g', kind: 'party_group_meeting', heldOn: '2026-09-12', late: false }],
      }),
    );
    // July: not here; August: 22 of 31 days here; September: here.
    expect(item(here, 'party_group_meeting')).toMatchObject({ expected: 2, held: 1, missing: 1 });
    const old = computeCompliance(
      base({
        groups: [{ ...g, spans: [{ from: '2018-01-01', to: '2026-08-10' }] }],
        meetings: [
          { orgId: 'g', kind: 'party_group_meeting', heldOn: '2026-07-15', late: false },
          // A late record (补录) for a day before the merge counts for the old branch.
          { orgId: 'g', kind: 'party_group_meeting', heldOn: '2026-08-05', late: true },
        ],
      }),
    );
    expect(item(old, 'party_group_meeting')).toMatchObject({ expected: 1, held: 1, missing: 0 });
  });

  it('a branch dissolved mid-quarter owes its late records for the months it existed', () => {
    const items = computeCompliance(
      base({
        branch: { ...base().branch, dissolvedOn: '2026-08-20' },
        meetings: [
          { orgId: 'b', kind: 'theme_party_day', heldOn: '2026-07-10', late: false },
          { orgId: 'b', kind: 'theme_party_day', heldOn: '2026-08-10', late: true },
        ],
      }),
    );
    // July and August (19 of 31 days) owed; September not.
    expect(item(items, 'theme_party_day')).toMatchObject({ expected: 2, held: 2, late: 1, status: 'yellow' });
    expect(item(items, 'branch_general_meeting')).toMatchObject({ expected: 1, missing: 1 });
  });

  it('the to-do lists the same units: a branch founded on the 17th owes nothing that month, on the 16th it does', () => {
    const period = { from: '2026-10-01', to: '2026-12-31' };
    for (const [founded, owes] of [
      ['2026-11-16', true],
      ['2026-11-17', false],
    ] as const) {
      const input = base({
        branch: { id: 'b', establishedOn: founded, dissolvedOn: null, hasCommittee: false },
        period,
      });
      const units = owedUnits(input).filter((u) => u.kind === 'theme_party_day');
      const todo = units.filter((u) => onTodo(u, '2026-11-18', DEFAULT_SETTINGS));
      expect(todo.some((u) => u.unit.from === '2026-11-01')).toBe(owes);
      expect(item(computeCompliance(input), 'theme_party_day').expected).toBe(owes ? 2 : 1);
    }
  });

  it('yearly items enter the to-do in the last months of the year (a setting)', () => {
    const year = owedUnits(base({ period: periodOf(2026), today: '2026-09-15' })).find(
      (u) => u.kind === 'organization_life_meeting',
    )!;
    expect(onTodo(year, '2026-09-15', DEFAULT_SETTINGS)).toBe(false);
    expect(onTodo(year, '2026-10-01', DEFAULT_SETTINGS)).toBe(true);
    expect(onTodo(year, '2026-09-15', { ...DEFAULT_SETTINGS, yearlyTodoLeadMonths: 4 })).toBe(true);
  });

  it('red thresholds are settings', () => {
    expect(complianceStatus('month', 2, 0)).toBe('red');
    expect(complianceStatus('month', 2, 0, { redAfterMissedMonths: 3, redAfterMissedUnits: 1 })).toBe(
      'yellow',
    );
    expect(complianceStatus('quarter', 1, 0, { redAfterMissedMonths: 2, redAfterMissedUnits: 2 })).toBe(
      'yellow',
    );
  });

  it('each requirement cites its article of 《支部工作条例》', () => {
    const basis = Object.fromEntries(requirements(DEFAULT_SETTINGS).map((r) => [r.kind, r.basis]));
    expect(basis.branch_general_meeting).toContain('第十一条');
    expect(basis.branch_committee_meeting).toContain('第十二条');
    expect(basis.party_group_meeting).toContain('第十三条');
    expect(basis.party_lecture).toContain('第十六条');
    expect(basis.theme_party_day).toContain('第十六条');
    expect(basis.organization_life_meeting).toContain('第十七条');
    expect(basis.democratic_review).toContain('第十八条');
  });
});
