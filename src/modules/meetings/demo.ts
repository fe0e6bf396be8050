import { sql } from 'drizzle-orm';
import {
  type Post,
  postsFromText,
  type SeedPost,
  type SeedTerm,
  seedCommittees,
} from '../../kernel/orgs/api';
import { personEntity } from '../../kernel/people/api';
import { type AuditInput, recordAudit } from '../../platform/audit';
import { queryRows } from '../../platform/db';
import type { DemoStep } from '../../platform/demo';
import { newId } from '../../platform/ids';
import type { Rng } from '../../platform/random';
import {
  type DemoHolder,
  demoElection,
  demoGrades,
  demoOwnActions,
  demoPosts,
  demoRng,
  demoTerm,
  demoTermStarts,
} from './demo-parts';
import { type AttendanceEntry, meetingQuorum, type VoteInput } from './roll';
import { rollCallCounts } from './roster';
import type { MeetingKind } from './rules-kinds';
import { addDays, addMonths } from './rules-periods';
import { DEFAULT_CLASS_HOURS, DEFAULT_SETTINGS } from './rules-settings';
import { meetingEntity, meetingRevisionEntity, meetingRevisions, meetings } from './tables';

const TOPICS: Record<string, string[]> = {
  branch_committee_meeting: [
    '研究本月党建和安全生产重点工作',
    '讨论党员责任区包保调整',
    '研究入党积极分子培养考察',
    '分析本月两违情况，研究整改措施',
    '研究主题党日活动安排',
    '讨论薄弱人员包保帮教情况',
  ],
  theme_party_day: [
    '学习《中国共产党支部工作条例（试行）》',
    '重温入党誓词，开展安全承诺践诺活动',
    '走进车站开展“党员先锋岗”志愿服务',
    '学习铁路安全生产典型案例警示教育',
    '春运保障党员突击队誓师',
    '学习党的二十届三中全会精神',
    '“安全生产月”党员身边无违章活动',
    '学习新修订的《中国共产党纪律处分条例》',
  ],
  party_group_meeting: [
    '学习上级会议精神，交流岗位安全体会',
    '讨论本组党员责任区安全隐患',
    '开展批评与自我批评，交流思想',
    '学习非正常行车案例',
  ],
  branch_general_meeting: [
    '传达上级党委工作部署，通报支部季度工作',
    '讨论支部年度工作计划',
    '听取支部委员会工作报告',
    '讨论发展党员和预备党员转正事项',
  ],
  party_lecture: [
    '书记讲党课：以高质量党建保障运输安全',
    '党课：弘扬“火车头”精神',
    '党课：学习党的光辉历史，赓续红色血脉',
    '党课：新时代铁路精神与岗位担当',
  ],
  organization_life_meeting: ['年度组织生活会：对照检查，开展批评与自我批评'],
  democratic_review: ['年度民主评议党员'],
};
const LEAVE_REASONS = ['倒班', '公出', '病假', '事假', '外出学习', '值乘'];
const MAKE_UP = ['自学会议材料', '支部书记单独传达', '线上学习会议录像', '党小组会补学'];

interface Profile {
  skip: number;
  late: number;
  presence: number;
  /** Last day the branch held anything (silent branches stop early). */
  stopAfter: string | null;
}

interface Member {
  id: string;
  org_id: string;
  party_group_id: string | null;
  party_status: string;
  joined_party_on: string | null;
  full_member_on: string | null;
  exempt: boolean;
  name: string;
  party_posts: string | null;
}

/** Who holds which post in a branch's current term: the secretary, and the committee where there is one. */
function holdersOf(roster: Member[], secretary: string | null, withCommittee: boolean): DemoHolder[] {
  const out: DemoHolder[] = [];
  for (const p of roster) {
    if (p.party_status !== 'full') continue;
    const isSecretary = p.id === secretary;
    if (!isSecretary && !(withCommittee && isCommitteePost(p.party_posts))) continue;
    const post = isSecretary ? 'secretary' : postOf(p.party_posts);
    if (post === 'secretary' && !isSecretary) continue;
    out.push({ id: p.id, name: p.name, fullMemberOn: p.full_member_on, post });
  }
  return out;
}

/** Posts handed out, in order, to fill a demo committee up to its size (after the 党支部书记). */
const COMMITTEE_POSTS = ['组织委员', '宣传委员', '纪检委员', '青年委员'];
const isCommitteePost = (text: string | null) => postsFromText(text).length > 0;
/** The post a demo member's free-text party post names (their first branch-committee post). */
const postOf = (text: string | null): Post => postsFromText(text)[0] ?? 'member';

const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

/** Two years of organization life for the demo section: mostly on time, some late, a few silent branches. */
export const demoMeetings: DemoStep = async (ctx, state) => {
  const { rng, tenantId, today } = state;
  const branches = state.orgs.filter((o) => o.type === 'branch');
  const groupsOf = new Map<string, typeof state.orgs>();
  for (const g of state.orgs.filter((o) => o.type === 'party_group'))
    groupsOf.set(g.parentId!, [...(groupsOf.get(g.parentId!) ?? []), g]);
  const generalNames = new Map(
    state.orgs.filter((o) => o.type === 'general_branch').map((o) => [o.id, o.name]),
  );

  const members = await queryRows<Member>(
    ctx.db,
    sql`select id, org_id, party_group_id, party_status, joined_party_on, full_member_on, exempt, name, party_posts from people
        where tenant_id = ${tenantId} and party_status in ('probationary', 'full') and ended_on is null
        order by employee_no`,
  );
  const membersOf = new Map<string, Member[]>();
  for (const m of members) membersOf.set(m.org_id, [...(membersOf.get(m.org_id) ?? []), m]);

  // A branch committee has 3 to 5 members (《支部工作条例》 art. 10). The people demo names only the
  // secretary in most branches, so the committee branches get their other committee members here;
  // the demo member account stays an ordinary member.
  const posted: Member[] = [];
  for (const b of branches.filter((o) => o.hasCommittee)) {
    const full = (membersOf.get(b.id) ?? []).filter((p) => p.party_status === 'full');
    const size = full.length >= 20 ? 5 : full.length >= 10 ? 4 : 3;
    let have = full.filter((p) => isCommitteePost(p.party_posts)).length;
    const posts = COMMITTEE_POSTS.filter((post) => !full.some((p) => p.party_posts?.includes(post)));
    for (const p of full) {
      if (have >= size || posts.length === 0) break;
      if (p.party_posts || p.id === state.holders.member) continue;
      p.party_posts = posts.shift()!;
      posted.push(p);
      have += 1;
    }
  }
  const secretaries = new Map(
    (
      await queryRows<{ id: string; secretary_person_id: string | null }>(
        ctx.db,
        sql`select id, secretary_person_id from orgs where tenant_id = ${tenantId} and type = 'branch'`,
      )
    ).map((r) => [r.id, r.secretary_person_id]),
  );
  const [reviewer] = await queryRows<{ id: string; display_name: string }>(
    ctx.db,
    sql`select id, display_name from accounts where tenant_id = ${tenantId} and username = 'demo-general'`,
  );

  // A few branches fall silent, some are lax; the demo branch is a model one.
  const silentIdx = new Set<number>();
  while (silentIdx.size < Math.max(2, Math.round(branches.length * 0.03))) {
    const i = rng.int(0, branches.length - 1);
    if (branches[i].id !== state.demoBranchId) silentIdx.add(i);
  }
  const profiles = branches.map((b, i): Profile => {
    if (b.id === state.demoBranchId) return { skip: 0, late: 0, presence: 0.92, stopAfter: null };
    if (silentIdx.has(i))
      return { skip: 0.1, late: 0.2, presence: 0.8, stopAfter: addDays(today, -rng.int(40, 120)) };
    if (rng.chance(0.1)) return { skip: 0.22, late: 0.35, presence: 0.78, stopAfter: null };
    return { skip: 0.02, late: 0.04, presence: 0.9, stopAfter: null };
  });

  const y0 = Number(today.slice(0, 4));
  const m0 = Number(today.slice(5, 7));
  const months: { y: number; m: number }[] = [];
  for (let k = 24; k >= 0; k--) {
    const idx = y0 * 12 + (m0 - 1) - k;
    months.push({ y: Math.floor(idx / 12), m: (idx % 12) + 1 });
  }

  const generatedAt = state.now.getTime();
  const rows: (typeof meetings.$inferInsert)[] = [];
  const revisions: (typeof meetingRevisions.$inferInsert)[] = [];

  const rollCall = (
    people: Member[],
    on: string,
    profile: Profile,
    r: Rng,
    hosts: (string | null)[],
  ): AttendanceEntry[] =>
    people
      .filter((p) => !p.joined_party_on || p.joined_party_on <= on)
      .map((p) => {
        const partyStatus =
          p.party_status === 'full' && p.full_member_on && p.full_member_on > on
            ? 'probationary'
            : p.party_status;
        const roll = r.next();
        const presence = hosts.includes(p.id) ? 1 : p.exempt ? 0.3 : profile.presence;
        const status =
          roll < presence ? 'present' : roll < presence + (1 - presence) * 0.75 ? 'leave' : 'absent';
        const makeUp = status !== 'present' && !p.exempt && r.chance(0.6);
        // Empty fields are left out: two years of roll calls are most of the demo's bytes.
        const entry: AttendanceEntry = {
          personId: p.id,
          name: p.name,
          partyStatus,
          exempt: p.exempt,
          status,
        };
        if (status === 'leave') entry.reason = r.pick(LEAVE_REASONS);
        if (makeUp) {
          entry.makeUpOn = addDays(on, r.int(2, 12));
          entry.makeUpHow = r.pick(MAKE_UP);
        }
        return entry;
      });

  branches.forEach((b, bi) => {
    const profile = profiles[bi];
    const roster = membersOf.get(b.id) ?? [];
    if (roster.length === 0) return;
    const full = roster.filter((p) => p.party_status === 'full');
    const secretary = secretaries.get(b.id) ?? full[0]?.id ?? null;
    const recorder = full.find((p) => p.id !== secretary)?.id ?? null;
    const committee = roster.filter((p) => isCommitteePost(p.party_posts));
    const guests = full.filter((p) => !isCommitteePost(p.party_posts)).slice(0, 3);
    const groups = groupsOf.get(b.id) ?? [];
    const place =
      b.station === '段机关'
        ? '段机关党员活动室'
        : `${b.station}${b.station.endsWith('中心') ? '' : '站'}党员活动室`;
    const isDemo = b.id === state.demoBranchId;

    const add = (kind: MeetingKind, orgId: string, heldOn: string, people: Member[], hour = 9) => {
      if (heldOn >= today || heldOn < b.establishedOn) return;
      if (profile.stopAfter && heldOn > profile.stopAfter) return;
      if (!isDemo && rng.chance(profile.skip)) return;
      const attendance = rollCall(people, heldOn, profile, rng, [secretary, recorder]);
      if (attendance.length === 0) return;
      // Now and then a member sits in on the committee (列席): present, not counted.
      if (kind === 'branch_committee_meeting' && guests.length && rng.chance(0.15)) {
        const g = rng.pick(guests);
        if (!g.joined_party_on || g.joined_party_on <= heldOn)
          attendance.push({
            personId: g.id,
            name: g.name,
            partyStatus: g.full_member_on && g.full_member_on > heldOn ? 'probationary' : g.party_status,
            exempt: g.exempt,
            status: 'present',
            guest: true,
          });
      }
      const age = Math.round((Date.parse(today) - Date.parse(heldOn)) / 86_400_000);
      let late = rng.chance(profile.late);
      let delay = late ? rng.int(DEFAULT_SETTINGS.lateAfterDays + 1, 45) : rng.int(0, 5);
      if (delay >= age) {
        late = false;
        delay = rng.int(0, Math.min(5, age));
      }
      const submittedOn = addDays(heldOn, delay);
      const votes: VoteInput[] = [];
      if (kind === 'branch_general_meeting' && rng.chance(0.25)) {
        const voters = attendance.filter((a) => a.partyStatus === 'full' && a.status === 'present').length;
        const no = voters > 6 ? rng.int(0, 1) : 0;
        votes.push({
          subject: rng.pick([
            '支部年度工作计划',
            '党员责任区调整方案',
            '推荐优秀共产党员',
            '年度党费使用方案',
          ]),
          type: 'decision',
          yes: voters - no,
          no,
          abstain: 0,
        });
      }
      const recent = age <= 12;
      const roll = rng.next();
      // Recent records wait for review; older ones were reviewed, a few returned and corrected.
      const status = recent
        ? roll < 0.55
          ? 'submitted'
          : roll < 0.65 && !isDemo
            ? 'returned'
            : 'approved'
        : 'approved';
      const corrected = !recent && rng.chance(0.03);
      const id = newId();
      // Never a time after the demo is generated: a record can't be entered in the future.
      const at = (d: string, h: number) =>
        new Date(Math.min(generatedAt, Date.parse(`${d}T${pad(h)}:${pad(rng.int(0, 59))}:00+08:00`)));
      const submittedAt = at(submittedOn, 17);
      const reviewedOn = addDays(submittedOn, rng.int(1, 6));
      const reviewedAt =
        status === 'submitted' ? null : at(reviewedOn >= today ? submittedOn : reviewedOn, 20);
      const reviewerName =
        b.parentId === state.demoGeneralId && reviewer
          ? reviewer.display_name
          : `${generalNames.get(b.parentId!) ?? ''}组织委员`;
      const topic = rng.pick(TOPICS[kind]);
      rows.push({
        id,
        tenantId,
        orgId,
        branchId: b.id,
        kind,
        topic,
        heldAt: at(heldOn, hour),
        heldOn,
        place,
        hostPersonId: secretary,
        recorderPersonId: recorder,
        lecturer: kind === 'party_lecture' ? (roster.find((p) => p.id === secretary)?.name ?? null) : null,
        agenda:
          kind === 'branch_general_meeting' ? ['传达上级精神', '通报支部工作', '讨论决定有关事项'] : [topic],
        minutes: `会议由支部书记主持。${topic}。与会党员结合岗位实际进行了讨论发言。`,
        resolutions:
          kind === 'branch_committee_meeting' || kind === 'branch_general_meeting'
            ? '会议同意上述安排，由支部委员分工落实。'
            : null,
        attendance,
        votes,
        classHours: DEFAULT_CLASS_HOURS[kind],
        ...rollCallCounts(attendance),
        status,
        late,
        recordedAt: at(addDays(submittedOn, -rng.int(0, Math.min(delay, 1))), 16),
        firstSubmittedAt: submittedAt,
        submittedAt: corrected ? at(addDays(submittedOn, 3), 18) : submittedAt,
        reviewedAt,
        reviewerAccountId: b.parentId === state.demoGeneralId ? (reviewer?.id ?? null) : null,
        reviewerName: status === 'submitted' ? null : reviewerName,
        reviewComment: status === 'returned' ? '出勤情况与签到表不一致，请核实后重新提交' : null,
        createdBy: null,
        createdByName: '演示数据',
        version: corrected ? 2 : 1,
        updatedAt: reviewedAt ?? submittedAt,
      });
      if (corrected) {
        const returnedAt = at(addDays(submittedOn, 1), 10);
        const fixedAt = at(addDays(submittedOn, 3), 17);
        const steps: [
          string,
          Date,
          string | null,
          string,
          Record<string, { from: unknown; to: unknown }> | null,
        ][] = [
          ['submit', submittedAt, null, 'submitted', null],
          ['return', returnedAt, '会议决议不完整，请补充', 'returned', null],
          [
            'revision',
            fixedAt,
            '按审核意见补充会议决议',
            'returned',
            { resolutions: { from: null, to: '会议同意上述安排，由支部委员分工落实。' } },
          ],
          ['resubmit', at(addDays(submittedOn, 3), 18), null, 'submitted', null],
          ['approve', reviewedAt!, null, 'approved', null],
        ];
        steps.forEach(([kindOfStep, when, reason, statusAfter, diff], seq) => {
          revisions.push({
            id: newId(),
            tenantId,
            meetingId: id,
            seq: seq + 1,
            kind: kindOfStep,
            at: when,
            actorName: kindOfStep === 'return' || kindOfStep === 'approve' ? reviewerName : '支部书记',
            reason,
            diff,
            statusAfter,
          });
        });
      }
    };

    for (const { y, m } of months) {
      const day = (lo: number, hi: number) =>
        `${y}-${pad(m)}-${pad(Math.min(rng.int(lo, hi), Number(monthEnd(y, m).slice(8))))}`;
      add('theme_party_day', b.id, day(8, 12), roster, 14);
      if (b.hasCommittee) add('branch_committee_meeting', b.id, day(1, 6), committee);
      for (const g of groups)
        add(
          'party_group_meeting',
          g.id,
          day(13, 25),
          roster.filter((p) => p.party_group_id === g.id),
          16,
        );
      if (m % 3 === 2) add('branch_general_meeting', b.id, day(15, 25), roster, 15);
      if (m % 3 === 0) add('party_lecture', b.id, day(10, 20), roster, 15);
      if (m === 12) {
        add('organization_life_meeting', b.id, day(15, 22), roster, 9);
        add('democratic_review', b.id, day(23, 28), roster, 9);
      }
    }
  });

  // Committees as posts and their terms (issue 9): the secretary, and the committee where there is one,
  // hold their posts through the previous term and the current one; the demo branch elected its current
  // committee at a general meeting (the vote is on that record). Drawn from a sequence of their own.
  const r2 = demoRng();
  const termStarts = demoTermStarts(branches, today, r2, {
    demoBranchId: state.demoBranchId,
    demoGeneralId: state.demoGeneralId,
  });
  const seedPosts: SeedPost[] = [];
  const seedTerms: SeedTerm[] = [];
  for (const b of branches) {
    const roster = membersOf.get(b.id) ?? [];
    const holders = holdersOf(roster, secretaries.get(b.id) ?? null, b.hasCommittee);
    let start = termStarts.get(b.id)!;
    const previous = addMonths(start, -36);
    if (b.id === state.demoBranchId) {
      const election = rows.find(
        (r) => r.branchId === b.id && r.kind === 'branch_general_meeting' && r.heldOn.startsWith('2025-05'),
      );
      if (election) {
        start = election.heldOn;
        const attendance = election.attendance as AttendanceEntry[];
        election.votes = [...(election.votes as VoteInput[]), demoElection(attendance, holders, r2)];
        Object.assign(election, rollCallCounts(attendance));
        const before = demoPosts(b.id, previous < b.establishedOn ? b.establishedOn : previous, holders);
        seedPosts.push(...before.map((p) => ({ ...p, to: start })));
        seedPosts.push(...demoPosts(b.id, start, holders, election.id));
        seedTerms.push(demoTerm(b.id, previous < b.establishedOn ? b.establishedOn : previous));
        seedTerms.push(demoTerm(b.id, start, election.id));
        continue;
      }
    }
    if (previous >= b.establishedOn) seedTerms.push(demoTerm(b.id, previous));
    seedPosts.push(...demoPosts(b.id, previous < b.establishedOn ? b.establishedOn : previous, holders));
    seedTerms.push(demoTerm(b.id, start));
  }
  for (const g of state.orgs.filter((o) => o.type === 'general_branch' || o.type === 'committee')) {
    const start = r2.date(addMonths(today, g.type === 'committee' ? -20 : -33), addMonths(today, -4));
    seedTerms.push(demoTerm(g.id, start < g.establishedOn ? g.establishedOn : start));
  }

  // Grades of every 民主评议党员 (the demo branch's latest has a 基本合格 to follow up), members' own
  // sign-ins and leave requests on the last month's meetings, and each record's quorum verdict.
  const lastReview = rows
    .filter((r) => r.branchId === state.demoBranchId && r.kind === 'democratic_review')
    .sort((a, b) => (a.heldOn < b.heldOn ? 1 : -1))[0];
  for (const r of rows) {
    const attendance = r.attendance as AttendanceEntry[];
    if (r.kind === 'democratic_review') r.grades = demoGrades(attendance, r2, r === lastReview);
    if (r.heldOn >= addDays(today, -30)) demoOwnActions(attendance, r.heldAt as Date, generatedAt, r2);
    r.quorumMet = meetingQuorum(r.kind, attendance, (r.votes ?? []) as VoteInput[])?.met ?? null;
  }

  // The demo secretary's desk: the latest record returned for correction, the one before waiting for
  // review, and a theme party day planned for next week (a draft the members are told about).
  const demoRows = rows
    .filter((r) => r.branchId === state.demoBranchId)
    .sort((a, b) => (a.heldOn < b.heldOn ? 1 : -1));
  const [latest, previous] = demoRows;
  if (latest) {
    latest.status = 'returned';
    latest.reviewedAt = new Date(
      Math.min(state.now.getTime(), (latest.submittedAt as Date).getTime() + 86_400_000),
    );
    latest.reviewerName = reviewer?.display_name ?? null;
    latest.reviewerAccountId = reviewer?.id ?? null;
    latest.reviewComment = '请补充请假党员的补学情况';
    latest.updatedAt = latest.reviewedAt;
  }
  if (previous) {
    previous.status = 'submitted';
    previous.reviewedAt = null;
    previous.reviewerName = null;
    previous.reviewerAccountId = null;
    previous.updatedAt = previous.submittedAt as Date;
  }
  const demoBranch = branches.find((b) => b.id === state.demoBranchId);
  const demoRoster = membersOf.get(state.demoBranchId) ?? [];
  if (demoBranch && demoRoster.length) {
    const plannedOn = addDays(today, 6);
    const planned: AttendanceEntry[] = demoRoster
      .filter((p) => !p.joined_party_on || p.joined_party_on <= today)
      .map((p) => ({
        personId: p.id,
        name: p.name,
        partyStatus: p.party_status,
        exempt: p.exempt,
        // A plan's roll call waits for the day: nobody has signed in yet.
        status: 'absent',
      }));
    const now = state.now;
    rows.push({
      id: newId(),
      tenantId,
      orgId: demoBranch.id,
      branchId: demoBranch.id,
      kind: 'theme_party_day',
      topic: '重温入党誓词，开展冬季安全生产承诺活动',
      heldAt: new Date(`${plannedOn}T14:30:00+08:00`),
      heldOn: plannedOn,
      place: `${demoBranch.station}站党员活动室`,
      hostPersonId: secretaries.get(demoBranch.id) ?? null,
      agenda: ['重温入党誓词', '学习冬季安全生产要求', '党员安全承诺'],
      attendance: planned,
      votes: [],
      classHours: DEFAULT_CLASS_HOURS.theme_party_day,
      ...rollCallCounts(planned),
      status: 'draft',
      late: false,
      recordedAt: now,
      createdByName: '演示数据',
      updatedAt: now,
    });
    // Members who asked for leave themselves (请假): one from next week's theme day, one from today's meeting.
    const askers = planned.filter(
      (p) => p.personId !== state.holders.member && p.personId !== state.holders.secretary,
    );
    const yesterday = new Date(now.getTime() - 20 * 3_600_000).toISOString();
    if (askers[4]) Object.assign(askers[4], { status: 'leave', reason: '值乘', leaveRequestedAt: yesterday });
    // Today's paperless branch meeting, where members sign in on their phones (签到).
    const generalRoll: AttendanceEntry[] = planned.map((p) => ({
      ...p,
      status: 'absent',
      reason: null,
      leaveRequestedAt: undefined,
    }));
    const away = generalRoll.find((p) => p.personId === askers[6]?.personId);
    if (away) Object.assign(away, { status: 'leave', reason: '外出学习', leaveRequestedAt: yesterday });
    rows.push({
      id: newId(),
      tenantId,
      orgId: demoBranch.id,
      branchId: demoBranch.id,
      kind: 'branch_general_meeting',
      topic: '讨论支部年度工作总结，推荐优秀共产党员',
      // Starting within the hour (not past the day's end): members can sign in now.
      heldAt: new Date(
        Math.min(
          Math.ceil((now.getTime() + 1_800_000) / 1_800_000) * 1_800_000,
          Date.parse(`${today}T23:30:00+08:00`),
        ),
      ),
      heldOn: today,
      place: `${demoBranch.station}站党员活动室`,
      hostPersonId: secretaries.get(demoBranch.id) ?? null,
      agenda: ['通报支部年度工作', '讨论推荐优秀共产党员'],
      attendance: generalRoll,
      votes: [],
      classHours: DEFAULT_CLASS_HOURS.branch_general_meeting,
      ...rollCallCounts(generalRoll),
      status: 'draft',
      late: false,
      recordedAt: now,
      createdByName: '演示数据',
      updatedAt: now,
    });
    // A lecture that was planned and called off: kept, with its reason, counted nowhere.
    const cancelledId = newId();
    const cancelledOn = addDays(today, -20);
    const cancelledAt = new Date(`${addDays(today, -23)}T10:00:00+08:00`);
    rows.push({
      id: cancelledId,
      tenantId,
      orgId: demoBranch.id,
      branchId: demoBranch.id,
      kind: 'party_lecture',
      topic: '党课：新时代铁路精神与岗位担当',
      heldAt: new Date(`${cancelledOn}T15:00:00+08:00`),
      heldOn: cancelledOn,
      place: `${demoBranch.station}站党员活动室`,
      hostPersonId: secretaries.get(demoBranch.id) ?? null,
      agenda: [],
      attendance: planned,
      votes: [],
      ...rollCallCounts(planned),
      status: 'cancelled',
      late: false,
      recordedAt: new Date(`${addDays(today, -30)}T09:00:00+08:00`),
      createdByName: '演示数据',
      version: 2,
      updatedAt: cancelledAt,
    });
    revisions.push({
      id: newId(),
      tenantId,
      meetingId: cancelledId,
      seq: 1,
      kind: 'cancel',
      at: cancelledAt,
      actorName: '支部书记',
      reason: '当日抢修施工，大部分党员值守现场，改期举行',
      statusAfter: 'cancelled',
    });
  }

  await ctx.db.transaction(async (tx) => {
    for (const p of posted)
      await tx.execute(
        sql`update people set party_posts = ${p.party_posts}, updated_at = now() where id = ${p.id}`,
      );
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(meetings).values(rows.slice(i, i + 1000));
    const committeeEvents = await seedCommittees(tx, state.system, tenantId, today, {
      posts: seedPosts,
      terms: seedTerms,
    });
    for (let i = 0; i < revisions.length; i += 500)
      await tx.insert(meetingRevisions).values(revisions.slice(i, i + 500));
    const events: AuditInput[] = [
      ...committeeEvents,
      ...posted.map((p) => ({
        tenantId,
        actor: state.system,
        action: 'person.update',
        target: { entity: personEntity, id: p.id },
        details: { partyPosts: p.party_posts },
      })),
      ...rows.map((r) => ({
        tenantId,
        actor: state.system,
        action: 'meeting.create',
        target: { entity: meetingEntity, id: r.id! },
      })),
      ...revisions.map((r) => ({
        tenantId,
        actor: state.system,
        action: 'meeting.revision',
        target: { entity: meetingRevisionEntity, id: r.id! },
      })),
    ];
    for (let i = 0; i < events.length; i += 2000) await recordAudit(tx, events.slice(i, i + 2000));
  });
};
