import { describe, expect, it } from 'vitest';
import {
  type AttendanceEntry,
  attendanceCounts,
  attendanceRate,
  checkGrades,
  checkVote,
  excellentCap,
  followUpOf,
  type GradeInput,
  leaveRefusal,
  leftOut,
  meetingQuorum,
  resolutionText,
  signInRefusal,
  tallyVote,
  type VoteInput,
} from './roll';
import { DEFAULT_SETTINGS } from './rules-settings';

/** Who counts at a meeting and what its votes decide (issue 9 §1, §2, §4, §6), as tables. */

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
    expect(checkVote(attendance, vote(4))).toContain('预备党员');
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
    expect(meetingQuorum(kind, attendance)?.met ?? null).toBe(quorum);
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
    expect(meetingQuorum('branch_committee_meeting', [...attendance])?.met ?? null).toBe(quorum);
  });

  it('leaves guests out of 应到, 实到 and the rate, and counts them apart', () => {
    const attendance = [...roll([2, 1]), guest(90), guest(91)];
    expect(attendanceCounts(attendance)).toEqual({ expected: 3, present: 2, leave: 0, absent: 1, guests: 2 });
    expect(attendanceRate(attendance)).toBeCloseTo(2 / 3);
    expect(attendanceRate([guest(90)])).toBeNull();
  });

  it('a guest never votes at a branch general meeting', () => {
    const attendance = [...roll([3, 3]), guest(90), guest(91)];
    expect(meetingQuorum('branch_general_meeting', attendance)?.met).toBe(false);
  });
});

const suspended = (i: number, status: AttendanceEntry['status']): AttendanceEntry => ({
  ...person(i, 'full', status),
  suspended: true,
});

describe('who counts: suspended, probationary and exempt members in every count', () => {
  // 6 full present, 4 full absent, plus extras; the columns: attendance 应到/实到, vote 应到/实到, quorum
  it.each([
    ['no extras', [], 10, 6, 10, 6, true],
    ['a suspended member present', [suspended(50, 'present')], 10, 6, 10, 6, true],
    ['a suspended member absent', [suspended(50, 'absent')], 10, 6, 10, 6, true],
    ['a probationary member present', [person(50, 'probationary', 'present')], 11, 7, 10, 6, true],
    ['a probationary member absent', [person(50, 'probationary', 'absent')], 11, 6, 10, 6, true],
    ['an exempt member absent', [person(50, 'full', 'absent', true)], 10, 6, 10, 6, true],
    ['an exempt member present', [person(50, 'full', 'present', true)], 11, 7, 11, 7, true],
  ] as [string, AttendanceEntry[], number, number, number, number, boolean][])(
    '%s',
    (_, extras, expected, present, eligible, presentVoters, quorum) => {
      const attendance = [...roll([6, 4]), ...extras];
      expect(attendanceCounts(attendance)).toMatchObject({ expected, present });
      const t = tallyVote(attendance, vote(6));
      expect({ eligible: t.eligible, presentVoters: t.presentVoters, quorum: t.quorum }).toEqual({
        eligible,
        presentVoters,
        quorum,
      });
    },
  );

  it('a suspended member present may not vote: their ballot is one too many', () => {
    const attendance = [...roll([3, 3]), suspended(50, 'present')];
    expect(checkVote(attendance, vote(4))).toContain('停止党籍');
    expect(checkVote(attendance, vote(3))).toBeNull();
    // 3 of 6 voters present: no quorum, whatever the suspended member does.
    expect(tallyVote(attendance, vote(3)).quorum).toBe(false);
  });

  it('an absent exempt member counts in a vote’s 应到 only when the setting says so', () => {
    const attendance = [
      ...roll([4, 2]),
      person(50, 'full', 'absent', true),
      person(51, 'full', 'absent', true),
    ];
    expect(tallyVote(attendance, vote(4)).eligible).toBe(6);
    const counted = { ...DEFAULT_SETTINGS, exemptAbsentInVoteExpected: true };
    const t = tallyVote(attendance, vote(4), counted);
    expect(t).toMatchObject({ eligible: 8, quorum: false, passed: false });
  });

  it('the record names who is left out of 应到 and why', () => {
    const attendance = [
      ...roll([2, 0]),
      suspended(50, 'present'),
      person(51, 'probationary', 'present'),
      person(52, 'full', 'absent', true),
      { ...person(53, 'full', 'present'), guest: true },
    ];
    const out = leftOut(attendance, true);
    expect(out.attendance.map((l) => [l.name, l.reason])).toEqual([
      ['党员50', 'suspended'],
      ['党员52', 'exempt'],
      ['党员53', 'guest'],
    ]);
    expect(out.vote.map((l) => [l.name, l.reason])).toEqual([
      ['党员50', 'suspended'],
      ['党员51', 'probationary'],
      ['党员52', 'exempt'],
    ]);
    expect(leftOut(attendance, false).vote).toEqual([]);
    expect(out.vote[1].label).toContain('没有表决权');
  });
});

const election = (candidates: [number, number][], extra: Partial<VoteInput> = {}): VoteInput => ({
  subject: '选举支部委员会',
  type: 'election',
  yes: 0,
  no: 0,
  abstain: 0,
  candidates: candidates.map(([i, yes]) => ({ personId: `p${i}`, post: 'member', yes, no: 0, abstain: 0 })),
  ...extra,
});

describe('quorum per kind, elections at four fifths (《基层组织选举工作条例》)', () => {
  it.each([
    // [voters present, voters absent] → the election's quorum: more than 4/5 present
    [[8, 2], false, 'exactly four fifths: not enough'],
    [[9, 1], true, 'nine of ten'],
    [[4, 1], false, 'four of five: exactly four fifths'],
    [[5, 1], true, 'five of six'],
    [[17, 4], true, '17 of 21 (80.95 %)'],
    [[16, 4], false, '16 of 20: exactly four fifths'],
  ] as [[number, number], boolean, string][])('%j → %s (%s)', ([p, a], met) => {
    const attendance = roll([p, a]);
    const q = meetingQuorum('branch_general_meeting', attendance, [election([])]);
    expect(q).toMatchObject({ rule: 'election', met });
    expect(tallyVote(attendance, election([[0, p]])).quorum).toBe(met);
  });

  it('a meeting without an election needs only more than half', () => {
    expect(meetingQuorum('branch_general_meeting', roll([8, 2]))).toMatchObject({
      rule: 'general',
      met: true,
    });
    expect(meetingQuorum('branch_general_meeting', roll([5, 5]))).toMatchObject({ met: false });
    expect(meetingQuorum('branch_committee_meeting', roll([2, 2]))).toMatchObject({
      rule: 'committee',
      met: false,
    });
    expect(meetingQuorum('party_lecture', roll([1, 9]))).toBeNull();
  });

  it('the election share is a setting', () => {
    const s = { ...DEFAULT_SETTINGS, electionQuorum: { numerator: 2, denominator: 3 } };
    expect(meetingQuorum('branch_general_meeting', roll([7, 3]), [election([])], s)?.met).toBe(true);
  });
});

describe('vote pass rules per type', () => {
  it('a candidate is elected with more than half of the voting members present', () => {
    const attendance = roll([9, 1]);
    const t = tallyVote(
      attendance,
      election([
        [0, 5],
        [1, 4],
        [2, 9],
      ]),
    );
    expect(t.candidates.map((c) => c.elected)).toEqual([true, false, true]);
    expect(t.passed).toBe(false);
    expect(t.threshold).toBe(4.5);
  });

  it('nobody is elected without the election quorum', () => {
    const t = tallyVote(roll([8, 2]), election([[0, 8]]));
    expect(t.candidates[0].elected).toBe(false);
    expect(resolutionText('2025-05-20', election([[0, 8]]), t)).toContain('五分之四');
  });

  it('admission and full membership: more than half of the voting members who should attend', () => {
    // 7 present of 10: yes 5 of 10 fails though it is most of those present; 6 passes.
    const attendance = roll([7, 3]);
    for (const type of ['admission', 'full_membership', 'decision'] as const) {
      expect(tallyVote(attendance, { ...vote(5), type }).passed).toBe(false);
      expect(tallyVote(attendance, { ...vote(6), type }).passed).toBe(true);
    }
  });

  it('an election takes no written opinions, and only voting members stand', () => {
    const attendance = [...roll([5, 1]), person(50, 'probationary', 'present'), suspended(51, 'present')];
    expect(checkVote(attendance, election([[0, 5]], { writtenYes: 1 }))).toContain('书面意见');
    expect(checkVote(attendance, election([[50, 5]]))).toContain('没有被选举权');
    expect(checkVote(attendance, election([[51, 5]]))).toContain('没有被选举权');
    expect(checkVote(attendance, election([[0, 6]]))).toContain('得票数超过');
    expect(checkVote(attendance, election([[0, 5]]))).toBeNull();
    expect(checkVote(attendance, { ...vote(3), candidates: [] })).toBeNull();
  });
});

const graded = (full: number, excellent: number, extra: GradeInput[] = []) => {
  const attendance = roll([full, 0]);
  const grades: GradeInput[] = attendance.map((a, i) => ({
    personId: a.personId,
    grade: i < excellent ? 'excellent' : 'qualified',
  }));
  return { attendance, grades: [...grades, ...extra] };
};

describe('民主评议党员 grades', () => {
  it.each([
    [3, 1],
    [4, 1],
    [5, 1],
    [6, 2],
    [7, 2],
    [9, 3],
  ])('%i full members graded: at most %i 优秀 (a third, rounded down)', (full, cap) => {
    expect(excellentCap(full)).toBe(cap);
    const atCap = graded(full, cap);
    expect(checkGrades('democratic_review', atCap.attendance, atCap.grades)).toEqual({});
    const over = graded(full, cap + 1);
    const errors = checkGrades('democratic_review', over.attendance, over.grades);
    expect(errors.grades).toContain(`最多 ${cap} 人`);
    expect(errors.grades).toContain(`正式党员 ${full} 人的三分之一`);
  });

  it('the ratio is a setting', () => {
    const s = { excellentRatio: { numerator: 1, denominator: 2 } };
    const g = graded(6, 3);
    expect(checkGrades('democratic_review', g.attendance, g.grades, s)).toEqual({});
    expect(checkGrades('democratic_review', g.attendance, g.grades).grades).toContain('最多 2 人');
  });

  it('probationary members take part without a grade; suspended ones are not graded; each once', () => {
    const attendance = [...roll([3, 0]), person(50, 'probationary', 'present'), suspended(51, 'present')];
    const base: GradeInput[] = attendance
      .slice(0, 3)
      .map((a) => ({ personId: a.personId, grade: 'qualified' }));
    expect(checkGrades('democratic_review', attendance, base)).toEqual({});
    expect(
      checkGrades('democratic_review', attendance, [...base, { personId: 'p50', grade: 'qualified' }])[
        'grades.3.grade'
      ],
    ).toContain('预备党员');
    expect(
      checkGrades('democratic_review', attendance, [...base, { personId: 'p51', grade: 'qualified' }])[
        'grades.3.grade'
      ],
    ).toContain('停止党籍');
    expect(
      checkGrades('democratic_review', attendance, [...base, { personId: 'p0', grade: 'excellent' }])[
        'grades.3.personId'
      ],
    ).toContain('重复');
    expect(checkGrades('theme_party_day', attendance, base).grades).toContain('民主评议');
  });

  it('基本合格 calls for a talk, 不合格 for the handling the party constitution names', () => {
    expect(followUpOf('excellent')).toBeNull();
    expect(followUpOf('qualified')).toBeNull();
    expect(followUpOf('basically_qualified')).toBe('talk');
    expect(followUpOf('unqualified')).toBe('disposal');
  });
});

describe('members sign in and ask for leave themselves', () => {
  const at = '2024-02-29T09:00:00+08:00';
  const m = { kind: 'party_lecture', status: 'draft', heldOn: '2024-02-29', heldAt: at };
  const t = (hhmm: string) => new Date(`2024-02-29T${hhmm}:00+08:00`);
  it.each([
    ['at the start', m, t('09:00'), '2024-02-29', true, false, null],
    ['two hours before (the window’s edge)', m, t('07:00'), '2024-02-29', true, false, null],
    ['two hours and a minute before', m, t('06:59'), '2024-02-29', true, false, '开始前'],
    ['three hours after', m, t('12:00'), '2024-02-29', true, false, '结束'],
    ['three hours after, with the code', m, t('12:00'), '2024-02-29', true, true, null],
    ['the day before', m, t('09:00'), '2024-02-28', true, true, '会议当天'],
    ['the day after (leap day passed)', m, t('09:00'), '2024-03-01', true, true, '已过'],
    ['not on the list', m, t('09:00'), '2024-02-29', false, false, '应到名单'],
    [
      'record already submitted',
      { ...m, status: 'submitted' },
      t('09:00'),
      '2024-02-29',
      true,
      false,
      '已提交',
    ],
    ['cancelled plan', { ...m, status: 'cancelled' }, t('09:00'), '2024-02-29', true, false, '已取消'],
    [
      'a committee meeting too',
      { ...m, kind: 'branch_committee_meeting' },
      t('09:30'),
      '2024-02-29',
      true,
      false,
      null,
    ],
  ] as const)('%s', (_, meeting, now, today, onList, code, refusal) => {
    const why = signInRefusal(meeting, now, today, onList, DEFAULT_SETTINGS, code);
    if (refusal === null) expect(why).toBeNull();
    else expect(why).toContain(refusal);
  });

  it.each([
    ['the evening before', t('08:59'), true, false, null],
    ['after the start', t('09:00'), true, false, '已开始'],
    ['not on the list', t('08:00'), false, false, '应到名单'],
    ['already signed in', t('08:50'), true, true, '已签到'],
  ] as const)('leave: %s', (_, now, onList, signedIn, refusal) => {
    const why = leaveRefusal(m, now, onList, signedIn);
    if (refusal === null) expect(why).toBeNull();
    else expect(why).toContain(refusal);
  });
});
