import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, demoFixtures, newPerson, type TestEnv } from '../../../test/harness';
import { dayjs, todayLocal, ZONE } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { verifyAudit } from '../../platform/verify';
import { attachmentVerifier } from './attachments';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let general: Client;
let committee: Client;
let member: Client;
let roster: {
  personId: string;
  name: string;
  partyStatus: string;
  exempt: boolean;
  partyPosts: string | null;
  committee: boolean;
}[];
/** The demo branch's committee (members whose party posts name a committee post). */
let committeeIds: string[];

const daysAgo = (n: number, hour = 9) =>
  dayjs().tz(ZONE).subtract(n, 'day').hour(hour).minute(0).second(0).millisecond(0).format();

async function record(client: Client, body: Record<string, unknown> = {}) {
  return client.post('/api/v1/meetings', {
    orgId: fx.branchId,
    kind: 'branch_committee_meeting',
    topic: '研究本月安全生产和党建工作',
    heldAt: daysAgo(2),
    place: '运转车间会议室',
    attendance: committeeIds.map((personId, i) => ({
      personId,
      status: i === committeeIds.length - 1 ? 'leave' : 'present',
      reason: i === committeeIds.length - 1 ? '倒班' : undefined,
    })),
    ...body,
  });
}

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  general = await env.login('demo-general');
  committee = await env.login('demo-committee');
  member = await env.login('demo-member');
  const res = await secretary.get(`/api/v1/meetings/roster?orgId=${fx.branchId}`);
  expect(res.statusCode).toBe(200);
  roster = res.json().items;
  committeeIds = res.json().committee;
});
afterAll(() => env.close());

describe('recording a meeting', () => {
  it('pre-fills the roster with the branch party members as of the date', async () => {
    expect(roster.length).toBeGreaterThan(5);
    expect(roster.every((p) => ['full', 'probationary'].includes(p.partyStatus))).toBe(true);
  });

  it('creates a draft with server-set recordedAt, status and late flag', async () => {
    const before = Date.now();
    const res = await record(secretary);
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ status: 'draft', late: false, kind: 'branch_committee_meeting' });
    expect(m.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(m.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
    const n = committeeIds.length;
    expect(m.attendanceCounts).toMatchObject({ present: n - 1, leave: 1 });
    const [row] = await queryRows<{ expected_count: number; present_count: number }>(
      env.ctx.db,
      sql`select expected_count, present_count from meetings where id = ${m.id}`,
    );
    expect(row).toEqual({ expected_count: n, present_count: n - 1 });
    expect(m.actions).toEqual(expect.arrayContaining(['update', 'submit']));
  });

  it('fills absent roster members for a general meeting and refuses strangers', async () => {
    const res = await record(secretary, {
      kind: 'branch_general_meeting',
      attendance: [{ personId: roster[0].personId, status: 'present' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().attendanceCounts.absent).toBe(roster.length - 1);

    const outsider = await newPerson(env, { orgId: fx.otherBranchId });
    const bad = await record(secretary, { attendance: [{ personId: outsider, status: 'present' }] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields)).toContain('attendance.0.personId');
  });

  it('names the field of bad input in Chinese', async () => {
    const res = await record(secretary, { kind: 'party', heldAt: 'yesterday' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields;
    expect(fields.kind).toContain('会议类型');
    expect(fields.heldAt).toContain('召开时间');
  });

  it('refuses a meeting dated before the branch existed or far in the future', async () => {
    const early = await record(secretary, { heldAt: '1990-03-01T09:00:00+08:00' });
    expect(early.statusCode).toBe(400);
    expect(early.json().fields.heldAt).toContain('成立日期');
    const far = await record(secretary, { heldAt: dayjs().add(2, 'year').format() });
    expect(far.statusCode).toBe(400);
  });

  it('does not let a secretary record for another branch', async () => {
    const res = await record(secretary, { orgId: fx.otherBranchId, attendance: [] });
    expect([403, 404]).toContain(res.statusCode);
    const general2 = await record(general, { attendance: [] });
    expect(general2.statusCode).toBe(403);
  });

  it('checks the votes of a branch general meeting against the roll call', async () => {
    const full = roster.filter((p) => p.partyStatus === 'full');
    const presentCount = Math.floor(full.length / 2) + 1;
    const attendance = full.map((p, i) => ({
      personId: p.personId,
      status: i < presentCount ? 'present' : 'absent',
    }));
    const res = await record(secretary, {
      kind: 'branch_general_meeting',
      attendance,
      votes: [{ subject: '接收李四为预备党员', type: 'admission', yes: presentCount, no: 0, abstain: 0 }],
    });
    expect(res.statusCode).toBe(201);
    const detail = (await secretary.get(`/api/v1/meetings/${res.json().id}`)).json();
    expect(detail.votes[0].tally.quorum).toBe(true);
    expect(detail.votes[0].tally.passed).toBe(true);
    expect(detail.votes[0].resolution).toContain('获得通过');

    const tooMany = await record(secretary, {
      kind: 'branch_general_meeting',
      attendance,
      votes: [{ subject: '接收李四为预备党员', type: 'admission', yes: presentCount + 1, no: 0, abstain: 0 }],
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toContain('表决');
  });
});

describe('the branch committee and its meetings', () => {
  it('derives the committee from the party posts: 3 to 5 members, the secretary among them', async () => {
    expect(committeeIds.length).toBeGreaterThanOrEqual(3);
    expect(committeeIds.length).toBeLessThanOrEqual(5);
    expect(committeeIds).toContain(fx.secretaryPersonId);
    expect(committeeIds).not.toContain(fx.memberPersonId);
    for (const id of committeeIds) expect(roster.find((p) => p.personId === id)?.partyPosts).toBeTruthy();
  });

  it('takes the expected list from the committee: others are guests, missing members absent', async () => {
    const others = roster.filter((p) => !p.committee).slice(0, 3);
    const res = await record(secretary, {
      attendance: [
        { personId: committeeIds[0], status: 'present' },
        ...others.map((p) => ({ personId: p.personId, status: 'present' })),
      ],
    });
    expect(res.statusCode).toBe(201);
    const m = (await secretary.get(`/api/v1/meetings/${res.json().id}`)).json();
    expect(m.attendanceCounts).toEqual({
      expected: committeeIds.length,
      present: 1,
      leave: 0,
      absent: committeeIds.length - 1,
      guests: 3,
    });
    // One committee member of three or more present: the guests don't make up the quorum.
    expect(m.quorum).toBe(false);
    const guests = m.attendance.filter((a: { guest?: boolean }) => a.guest);
    expect(guests.map((a: { personId: string }) => a.personId).sort()).toEqual(
      others.map((p) => p.personId).sort(),
    );
    const majority = committeeIds.slice(0, Math.floor(committeeIds.length / 2) + 1);
    const ok = await record(secretary, {
      attendance: majority.map((personId) => ({ personId, status: 'present' })),
    });
    expect(ok.json().quorum).toBe(true);
  });

  it('refuses a guest on leave, naming the line', async () => {
    const other = roster.find((p) => !p.committee)!;
    const res = await record(secretary, {
      attendance: [{ personId: other.personId, status: 'leave', reason: '倒班' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields['attendance.0.status']).toContain('列席');
  });
});

describe('planned meetings: notices, cancellation', () => {
  it('a plan is a notice for its attendees on the home to-do, until the secretary cancels it', async () => {
    const year = Number(todayLocal().slice(0, 4));
    const heldAt = dayjs().tz(ZONE).add(3, 'day').hour(15).minute(0).second(0).millisecond(0);
    const plan = (
      await record(secretary, {
        kind: 'theme_party_day',
        topic: '计划中的主题党日（测试）',
        heldAt: heldAt.format(),
        attendance: [],
      })
    ).json();
    expect(plan.planned).toBe(true);
    expect(plan.actions).toContain('cancel');
    const todo = (await member.get('/api/v1/meetings/todo')).json();
    expect(todo.notices.map((n: { id: string }) => n.id)).toContain(plan.id);
    const compliance = async () =>
      (await general.get(`/api/v1/compliance?year=${year}&orgId=${fx.branchId}`))
        .json()
        .items.find((i: { kind: string }) => i.kind === 'theme_party_day');
    const before = await compliance();

    const noReason = await secretary.post(`/api/v1/meetings/${plan.id}/cancel`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('取消原因');
    expect((await member.post(`/api/v1/meetings/${plan.id}/cancel`, { reason: '有事' })).statusCode).toBe(
      403,
    );
    expect((await general.post(`/api/v1/meetings/${plan.id}/cancel`, { reason: '有事' })).statusCode).toBe(
      403,
    );

    const cancelled = await secretary.post(`/api/v1/meetings/${plan.id}/cancel`, {
      reason: '防洪抢险，党员值守现场',
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      statusLabel: '已取消',
      planned: false,
      cancellation: { reason: '防洪抢险，党员值守现场' },
    });
    expect(cancelled.json().actions).toEqual([]);

    const notices = (await member.get('/api/v1/meetings/notices')).json();
    expect(notices.items.map((n: { id: string }) => n.id)).not.toContain(plan.id);
    const secretaryTodo = (await secretary.get('/api/v1/meetings/todo')).json();
    expect(secretaryTodo.drafts.map((d: { id: string }) => d.id)).not.toContain(plan.id);
    expect(await compliance()).toEqual(before);
    const revisions = (await secretary.get(`/api/v1/meetings/${plan.id}/revisions`)).json().items;
    expect(revisions.at(-1)).toMatchObject({ kind: 'cancel', reason: '防洪抢险，党员值守现场' });

    expect((await secretary.post(`/api/v1/meetings/${plan.id}/cancel`, { reason: '再次' })).statusCode).toBe(
      409,
    );
    expect((await secretary.patch(`/api/v1/meetings/${plan.id}`, { topic: '改' })).statusCode).toBe(403);
    expect((await secretary.post(`/api/v1/meetings/${plan.id}/submit`)).statusCode).toBe(409);

    const report = await verifyAudit(env.ctx.db);
    expect(report.problems.filter((p) => p.entity?.startsWith('meeting'))).toEqual([]);
    const [event] = await queryRows<{ action: string }>(
      env.ctx.db,
      sql`select action from audit_events where entity_id = ${plan.id} order by seq desc limit 1`,
    );
    expect(event.action).toBe('meeting.cancel');
  });

  it('refuses to cancel a meeting already held or submitted', async () => {
    const past = (await record(secretary)).json();
    expect(past.actions).not.toContain('cancel');
    expect((await secretary.post(`/api/v1/meetings/${past.id}/cancel`, { reason: '取消' })).statusCode).toBe(
      409,
    );
    await secretary.post(`/api/v1/meetings/${past.id}/submit`);
    expect((await secretary.post(`/api/v1/meetings/${past.id}/cancel`, { reason: '取消' })).statusCode).toBe(
      409,
    );
  });

  it('leaves cancelled plans out of the ledger', async () => {
    const year = todayLocal().slice(0, 4);
    const query = `orgId=${fx.branchId}&from=${Number(year) - 1}-01-01&to=${year}-12-31`;
    const res = await secretary.get(`/api/v1/meetings/export?${query}`);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const listed = (await secretary.get(`/api/v1/meetings?${query}&pageSize=200`)).json();
    expect(listed.items.every((m: { status: string }) => m.status !== 'cancelled')).toBe(true);
    const cancelled = (await secretary.get(`/api/v1/meetings?${query}&status=cancelled&pageSize=1`)).json()
      .total;
    expect(cancelled).toBeGreaterThan(0);
    expect(wb.getWorksheet('组织生活台账')!.rowCount - 2).toBe(listed.total);
    const onlyCancelled = await secretary.get(`/api/v1/meetings/export?${query}&status=cancelled`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(onlyCancelled.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('组织生活台账')!.rowCount - 2).toBe(0);
  });
});

describe('self sign-in to the paperless branch meeting (签到)', () => {
  it('a member signs in on the day from the notice; the server time is kept; the secretary sees it', async () => {
    const notices = (await member.get('/api/v1/meetings/notices')).json().items;
    const today = todayLocal();
    const meeting = notices.find(
      (n: { kind: string; heldOn: string }) => n.kind === 'branch_general_meeting' && n.heldOn === today,
    );
    expect(meeting, "the demo plans today's branch meeting").toBeDefined();
    expect(meeting.actions).toContain('sign_in');
    expect(meeting.me).toMatchObject({ signedInAt: null });
    const later = notices.find((n: { heldOn: string }) => n.heldOn > today);
    if (later) {
      const early = await member.post(`/api/v1/meetings/${later.id}/sign-in`);
      expect(early.statusCode).toBe(409);
      expect(early.json().message).toMatch(/支部党员大会|会议当天/);
    }

    const before = Date.now();
    const res = await member.post(`/api/v1/meetings/${meeting.id}/sign-in`);
    expect(res.statusCode).toBe(200);
    const signedAt = res.json().me.signedInAt;
    expect(Date.parse(signedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(res.json().me.status).toBe('present');
    expect(res.json().actions).not.toContain('sign_in');
    // A retry (a dropped connection on a weak network) keeps the first time.
    const again = await member.post(`/api/v1/meetings/${meeting.id}/sign-in`);
    expect(again.statusCode).toBe(200);
    expect(again.json().me.signedInAt).toBe(signedAt);

    const detail = (await secretary.get(`/api/v1/meetings/${meeting.id}`)).json();
    const line = detail.attendance.find((a: { personId: string }) => a.personId === fx.memberPersonId);
    expect(line).toMatchObject({ status: 'present', signedInAt: signedAt });
    expect(detail.attendanceCounts.present).toBe(meeting.attendanceCounts.present + 1);

    // The secretary's roll call keeps the sign-in time.
    const kept = await secretary.patch(`/api/v1/meetings/${meeting.id}`, { place: '车站党员活动室（二楼）' });
    expect(kept.statusCode).toBe(200);
    expect(
      kept.json().attendance.find((a: { personId: string }) => a.personId === fx.memberPersonId).signedInAt,
    ).toBe(signedAt);

    const [event] = await queryRows<{ action: string; actor_name: string }>(
      env.ctx.db,
      sql`select action, actor_name from audit_events where entity_id = ${meeting.id} and action = 'meeting.sign_in'`,
    );
    expect(event).toBeDefined();
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems.filter((p) => p.entity?.startsWith('meeting'))).toEqual([]);

    const other = await loginAs('meet-other-member', 'member', fx.otherBranchId);
    expect((await other.post(`/api/v1/meetings/${meeting.id}/sign-in`)).statusCode).toBe(404);
    expect((await general.post(`/api/v1/meetings/${meeting.id}/sign-in`)).statusCode).toBe(403);
  });
});

describe('lifecycle', () => {
  it('marks a meeting submitted after the allowed delay as late (补录)', async () => {
    const created = (await record(secretary, { heldAt: daysAgo(20) })).json();
    expect(created.late).toBe(true);
    const submitted = await secretary.post(`/api/v1/meetings/${created.id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', late: true });
    const list = (await general.get(`/api/v1/meetings?orgId=${fx.branchId}&status=submitted`)).json();
    expect(list.items.find((m: { id: string }) => m.id === created.id).late).toBe(true);
  });

  it('honours the tenant setting for the delay', async () => {
    await committee.patch('/api/v1/meetings/settings', { lateAfterDays: 30 });
    const created = (await record(secretary, { heldAt: daysAgo(20) })).json();
    const submitted = (await secretary.post(`/api/v1/meetings/${created.id}/submit`)).json();
    expect(submitted.late).toBe(false);
    await committee.patch('/api/v1/meetings/settings', { lateAfterDays: 7 });
  });

  it('lets only the committee admin change the local settings, audited', async () => {
    expect((await general.patch('/api/v1/meetings/settings', { lateAfterDays: 3 })).statusCode).toBe(403);
    const bad = await committee.patch('/api/v1/meetings/settings', { lateAfterDays: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('补录期限');
    const ok = await committee.patch('/api/v1/meetings/settings', {
      lateAfterDays: 10,
      rankingEnabled: true,
    });
    expect(ok.json()).toMatchObject({ lateAfterDays: 10, rankingEnabled: true, lectureFrequency: 'quarter' });
    expect((await general.get('/api/v1/meetings/settings')).json().lateAfterDays).toBe(10);
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems.filter((p) => p.entity === 'tenant')).toEqual([]);
    await committee.patch('/api/v1/meetings/settings', { lateAfterDays: 7, rankingEnabled: false });
  });

  it('refuses to submit a planned meeting before it is held', async () => {
    const created = (await record(secretary, { heldAt: dayjs().add(5, 'day').format() })).json();
    const res = await secretary.post(`/api/v1/meetings/${created.id}/submit`);
    expect(res.statusCode).toBe(400);
  });

  it('review loop: return with a comment, correct with a reason, resubmit, approve', async () => {
    const m = (await record(secretary)).json();
    await secretary.post(`/api/v1/meetings/${m.id}/submit`);

    const noComment = await general.post(`/api/v1/meetings/${m.id}/review`, { decision: 'return' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().fields).toHaveProperty('comment');

    const returned = await general.post(`/api/v1/meetings/${m.id}/review`, {
      decision: 'return',
      comment: '请补充会议决议内容',
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: '请补充会议决议内容' });

    const todo = (await secretary.get('/api/v1/meetings/todo')).json();
    expect(todo.returned.map((r: { id: string }) => r.id)).toContain(m.id);

    const noReason = await secretary.patch(`/api/v1/meetings/${m.id}`, { resolutions: '同意' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields).toHaveProperty('reason');

    const corrected = await secretary.patch(`/api/v1/meetings/${m.id}`, {
      resolutions: '一、同意本月安全生产重点；二、由组织委员落实党员责任区检查。',
      reason: '按审核意见补充决议',
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json().status).toBe('returned');

    const resubmitted = await secretary.post(`/api/v1/meetings/${m.id}/submit`);
    expect(resubmitted.json().status).toBe('submitted');

    const approved = await general.post(`/api/v1/meetings/${m.id}/review`, { decision: 'approve' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');

    const revisions = (await general.get(`/api/v1/meetings/${m.id}/revisions`)).json().items;
    expect(revisions.map((r: { kind: string }) => r.kind)).toEqual([
      'submit',
      'return',
      'revision',
      'resubmit',
      'approve',
    ]);
    const revision = revisions[2];
    expect(revision.reason).toBe('按审核意见补充决议');
    expect(revision.diff).toEqual([
      expect.objectContaining({
        field: 'resolutions',
        label: '决议',
        from: null,
        to: expect.stringContaining('同意本月'),
      }),
    ]);
  });

  it('a change to an approved record is a revision and goes back to review', async () => {
    const m = (await record(secretary)).json();
    await secretary.post(`/api/v1/meetings/${m.id}/submit`);
    await general.post(`/api/v1/meetings/${m.id}/review`, { decision: 'approve' });
    const changed = await secretary.patch(`/api/v1/meetings/${m.id}`, {
      place: '车站党员活动室',
      reason: '地点记错',
    });
    expect(changed.json()).toMatchObject({ status: 'submitted', place: '车站党员活动室' });
    const revisions = (await general.get(`/api/v1/meetings/${m.id}/revisions`)).json().items;
    expect(revisions.at(-1)).toMatchObject({ kind: 'revision', reason: '地点记错' });
  });

  it('a secretary cannot review; a reviewer cannot review twice', async () => {
    const m = (await record(secretary)).json();
    await secretary.post(`/api/v1/meetings/${m.id}/submit`);
    expect(
      (await secretary.post(`/api/v1/meetings/${m.id}/review`, { decision: 'approve' })).statusCode,
    ).toBe(403);
    expect(
      (await committee.post(`/api/v1/meetings/${m.id}/review`, { decision: 'approve' })).statusCode,
    ).toBe(200);
    expect((await general.post(`/api/v1/meetings/${m.id}/review`, { decision: 'approve' })).statusCode).toBe(
      409,
    );
  });
});

describe('scope', () => {
  it('a general branch admin reviews only its own branches', async () => {
    const m = (await record(secretary)).json();
    await secretary.post(`/api/v1/meetings/${m.id}/submit`);
    const [gb] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from orgs where type = 'general_branch' and id <> ${fx.generalId} order by code limit 1`,
    );
    const other = await loginAs('meet-other-general', 'general_branch_admin', gb.id);
    expect((await other.post(`/api/v1/meetings/${m.id}/review`, { decision: 'approve' })).statusCode).toBe(
      404,
    );
    expect((await other.get(`/api/v1/meetings/${m.id}`)).statusCode).toBe(404);
    const list = (await other.get('/api/v1/meetings?pageSize=200')).json();
    expect(list.items.every((i: { branchId: string }) => i.branchId !== fx.branchId)).toBe(true);
    const queue = (await general.get('/api/v1/meetings/review-queue')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(m.id);
  });

  it('a member reads only submitted meetings of their own branch', async () => {
    const draft = (await record(secretary)).json();
    const list = (await member.get('/api/v1/meetings?pageSize=200')).json();
    expect(list.total).toBeGreaterThan(0);
    const today = todayLocal();
    expect(
      list.items.every(
        (i: { branchId: string; status: string; heldOn: string }) =>
          i.branchId === fx.branchId && (i.status !== 'draft' || i.heldOn >= today),
      ),
    ).toBe(true);
    const notices = (await member.get('/api/v1/meetings/notices')).json();
    expect(notices.items.length).toBeGreaterThan(0);
    expect(notices.items.every((i: { heldOn: string }) => i.heldOn >= today)).toBe(true);
    expect((await member.get(`/api/v1/meetings/${draft.id}`)).statusCode).toBe(404);
    const [otherMeeting] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from meetings where branch_id <> ${fx.branchId} and status = 'approved' limit 1`,
    );
    expect((await member.get(`/api/v1/meetings/${otherMeeting.id}`)).statusCode).toBe(404);
    expect(
      (await member.patch(`/api/v1/meetings/${list.items[0].id}`, { topic: 'x', reason: 'y' })).statusCode,
    ).toBe(403);
  });

  it('a reviewer does not see drafts', async () => {
    const draft = (await record(secretary)).json();
    expect((await general.get(`/api/v1/meetings/${draft.id}`)).statusCode).toBe(404);
  });
});

describe('compliance', () => {
  it('answers every branch in scope with each kind, the whole year expected', async () => {
    const year = Number(todayLocal().slice(0, 4));
    const res = await general.get(`/api/v1/compliance?year=${year}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const branchIds = new Set(body.items.map((i: { orgId: string }) => i.orgId));
    expect(branchIds.has(fx.branchId)).toBe(true);
    expect(branchIds.has(fx.branchInOtherGeneralId)).toBe(false);
    const themeDays = body.items.find(
      (i: { orgId: string; kind: string }) => i.orgId === fx.branchId && i.kind === 'theme_party_day',
    );
    expect(themeDays.expected).toBe(12);
    expect(['green', 'yellow', 'red']).toContain(themeDays.status);
    const quarter = (
      await general.get(`/api/v1/compliance?year=${year}&quarter=1&orgId=${fx.branchId}`)
    ).json();
    expect(quarter.items.find((i: { kind: string }) => i.kind === 'theme_party_day').expected).toBe(3);
    expect(quarter.branches).toHaveLength(1);
  });

  it('flags some silent branches in the demo section and gives a matrix', async () => {
    const year = Number(todayLocal().slice(0, 4));
    const body = (await committee.get(`/api/v1/compliance?year=${year}`)).json();
    const silent = body.branches.filter((b: { silent: boolean }) => b.silent);
    expect(silent.length).toBeGreaterThan(0);
    expect(silent.length).toBeLessThan(body.branches.length / 5);
    const green = body.branches.filter((b: { status: string }) => b.status !== 'red');
    expect(green.length).toBeGreaterThan(body.branches.length / 2);
    const matrix = (await general.get(`/api/v1/compliance/matrix?year=${year}`)).json();
    expect(matrix.months).toHaveLength(12);
    expect(matrix.rows[0].cells).toHaveLength(12);
    expect(matrix.trend[0].completion).toBeGreaterThan(0.5);
  });

  it('gives the attendance rate per member, lowest first', async () => {
    const year = Number(todayLocal().slice(0, 4));
    const body = (
      await general.get(`/api/v1/compliance/attendance?year=${year}&orgId=${fx.branchId}`)
    ).json();
    expect(body.items.length).toBeGreaterThan(5);
    expect(body.items.every((i: { branchId: string }) => i.branchId === fx.branchId)).toBe(true);
    const rates = body.items.map((i: { rate: number }) => i.rate);
    expect([...rates].sort((a, b) => a - b)).toEqual(rates);
  });

  it('refuses a bad quarter with a Chinese message', async () => {
    const res = await general.get('/api/v1/compliance?year=2025&quarter=5');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('季度');
  });

  it('shows a secretary only their branch and refuses another branch', async () => {
    const year = Number(todayLocal().slice(0, 4));
    const body = (await secretary.get(`/api/v1/compliance?year=${year}`)).json();
    expect(new Set(body.items.map((i: { orgId: string }) => i.orgId))).toEqual(new Set([fx.branchId]));
    expect(
      (await secretary.get(`/api/v1/compliance?year=${year}&orgId=${fx.otherBranchId}`)).statusCode,
    ).toBe(404);
  });
});

describe('ledger export', () => {
  it('exports the 台账 of the scope and period as a workbook with every listed meeting', async () => {
    const year = todayLocal().slice(0, 4);
    const query = `orgId=${fx.generalId}&from=${year}-01-01&to=${year}-12-31`;
    const res = await general.get(`/api/v1/meetings/export?${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('组织生活台账')!;
    expect(sheet.getRow(2).getCell(6).value).toBe('主题');
    const total = (await general.get(`/api/v1/meetings?${query}&pageSize=1`)).json().total;
    expect(sheet.rowCount - 2).toBe(total);
    expect(wb.getWorksheet('出勤明细')).toBeTruthy();
    expect((await secretary.get(`/api/v1/meetings/export?orgId=${fx.otherBranchId}`)).statusCode).toBe(404);
  });
});

describe('truthfulness', () => {
  it('the audit chain verifies, and a meeting row changed by direct SQL is caught', async () => {
    const m = (await record(secretary)).json();
    await secretary.post(`/api/v1/meetings/${m.id}/submit`);
    const clean = await verifyAudit(env.ctx.db);
    expect(clean.problems.filter((p) => p.entity?.startsWith('meeting'))).toEqual([]);
    await env.ctx.db.execute(
      sql`update meetings set held_at = held_at - interval '1 day' where id = ${m.id}`,
    );
    const report = await verifyAudit(env.ctx.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'row_changed', entity: 'meeting', entityId: m.id }),
    );
  });
});

function multipart(data: Buffer, filename: string) {
  const boundary = `----meetings${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('attachments', () => {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from('会议照片'),
  ]);

  it('stores a photo with its SHA-256, serves it, refuses a disguised file, and verify catches a changed file', async () => {
    const m = (await record(secretary)).json();
    const up = multipart(png, '会议现场.png');
    const res = await secretary.request('POST', `/api/v1/meetings/${m.id}/attachments`, up.body, up.headers);
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ fileName: '会议现场.png', mimeType: 'image/png', size: png.length });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const detail = (await secretary.get(`/api/v1/meetings/${m.id}`)).json();
    expect(detail.attachments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const download = await secretary.get(`/api/v1/meetings/${m.id}/attachments/${a.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(png)).toBe(true);

    const fake = multipart(Buffer.from('not a picture'), '伪装.png');
    const bad = await secretary.request(
      'POST',
      `/api/v1/meetings/${m.id}/attachments`,
      fake.body,
      fake.headers,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.file).toContain('附件');
    const json = await secretary.post(`/api/v1/meetings/${m.id}/attachments`, { file: 'x' });
    expect(json.statusCode).toBe(400);

    await secretary.post(`/api/v1/meetings/${m.id}/submit`);
    const after = multipart(png, '签到表.png');
    const added = await secretary.request(
      'POST',
      `/api/v1/meetings/${m.id}/attachments`,
      after.body,
      after.headers,
    );
    expect(added.statusCode).toBe(201);
    const revisions = (await general.get(`/api/v1/meetings/${m.id}/revisions`)).json().items;
    expect(revisions.at(-1)).toMatchObject({ kind: 'revision', reason: '补充附件' });
    const removeAfterSubmit = await secretary.delete(`/api/v1/meetings/${m.id}/attachments/${a.id}`);
    expect(removeAfterSubmit.statusCode).toBe(409);

    const verify = attachmentVerifier(env.ctx);
    const [row] = await queryRows<{ storage_key: string }>(
      env.ctx.db,
      sql`select storage_key from meeting_attachments where id = ${a.id}`,
    );
    expect(await verify(env.ctx.db)).toEqual([]);
    const file = resolve(env.ctx.config.filesDir, row.storage_key);
    const original = readFileSync(file);
    writeFileSync(file, Buffer.concat([original, Buffer.from('x')]));
    const problems = await verify(env.ctx.db);
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'file_changed', entityId: a.id }));
    writeFileSync(file, original);
  });

  it('refuses a file over 10 MB with 413 and a Chinese message, writing nothing', async () => {
    const m = (await record(secretary)).json();
    for (const size of [10 * 1024 * 1024 + 1, 20 * 1024 * 1024 + 1]) {
      const big = multipart(Buffer.concat([png, Buffer.alloc(size - png.length)]), '大照片.png');
      const res = await secretary.request(
        'POST',
        `/api/v1/meetings/${m.id}/attachments`,
        big.body,
        big.headers,
      );
      expect(res.statusCode).toBe(413);
      expect(res.json().message).toContain('附件：单个文件不能超过 10 MB');
    }
    const [{ n }] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from meeting_attachments where meeting_id = ${m.id}`,
    );
    expect(n).toBe(0);
  });

  it('serves a download by name (UTF-8), hash and type, never sniffed; 410 once the bytes are gone', async () => {
    const m = (await record(secretary)).json();
    const up = multipart(png, '支部会议 现场.png');
    const a = (
      await secretary.request('POST', `/api/v1/meetings/${m.id}/attachments`, up.body, up.headers)
    ).json();
    const res = await secretary.get(`/api/v1/meetings/${m.id}/attachments/${a.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="____ __.png"; filename*=UTF-8''${encodeURIComponent('支部会议 现场.png')}`,
    );
    expect(res.headers['x-content-sha256']).toBe(a.sha256);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const [row] = await queryRows<{ storage_key: string }>(
      env.ctx.db,
      sql`select storage_key from meeting_attachments where id = ${a.id}`,
    );
    const file = resolve(env.ctx.config.filesDir, row.storage_key);
    rmSync(file);
    try {
      const gone = await secretary.get(`/api/v1/meetings/${m.id}/attachments/${a.id}`);
      expect(gone.statusCode).toBe(410);
      expect(gone.json().message).toContain('附件文件已丢失');
    } finally {
      writeFileSync(file, png);
    }
  });

  it('an upload the transaction refuses (the 21st) leaves no stored file behind', async () => {
    const m = (await record(secretary)).json();
    for (let i = 0; i < 20; i++) {
      const up = multipart(png, `第${i + 1}张.png`);
      const res = await secretary.request(
        'POST',
        `/api/v1/meetings/${m.id}/attachments`,
        up.body,
        up.headers,
      );
      expect(res.statusCode, res.body).toBe(201);
    }
    const [row] = await queryRows<{ storage_key: string }>(
      env.ctx.db,
      sql`select storage_key from meeting_attachments where meeting_id = ${m.id} limit 1`,
    );
    const dir = dirname(resolve(env.ctx.config.filesDir, row.storage_key));
    const before = readdirSync(dir).length;
    const up = multipart(png, '第21张.png');
    const res = await secretary.request('POST', `/api/v1/meetings/${m.id}/attachments`, up.body, up.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.file).toContain('最多 20 个');
    expect(readdirSync(dir).length).toBe(before);
  });

  it('only the recorder may attach', async () => {
    const m = (await record(secretary)).json();
    await secretary.post(`/api/v1/meetings/${m.id}/submit`);
    const up = multipart(png, 'x.png');
    expect(
      (await general.request('POST', `/api/v1/meetings/${m.id}/attachments`, up.body, up.headers)).statusCode,
    ).toBe(403);
  });
});

async function loginAs(username: string, role: string, orgId: string): Promise<Client> {
  const { hashPassword } = await import('../../kernel/accounts/api');
  const [{ tenant_id }] = await queryRows<{ tenant_id: string }>(
    env.ctx.db,
    sql`select tenant_id from orgs where id = ${orgId}`,
  );
  const { newId } = await import('../../platform/ids');
  const accountId = newId();
  const hash = await hashPassword('Branchline@2026');
  await env.ctx.db.execute(sql`insert into accounts (id, tenant_id, username, display_name, password_hash, must_change_password, created_at)
    values (${accountId}, ${tenant_id}, ${username}, ${username}, ${hash}, false, now())`);
  await env.ctx.db.execute(sql`insert into role_assignments (id, tenant_id, account_id, role, org_id, created_at)
    values (${newId()}, ${tenant_id}, ${accountId}, ${role}, ${orgId}, now())`);
  return env.login(username, 'Branchline@2026');
}
