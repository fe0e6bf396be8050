import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_TODAY } from '../../../test/clock';
import { type Client, createTestEnv, demoFixtures, type TestEnv } from '../../../test/harness';
import { addDays } from './rules';

/** Classes, study content, surveys, statistics and the to-do through the API, at the tests' fixed date. */

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let member: Client;
let general: Client;
let committee: Client;

const hoursOf = async (c: Client, personId: string, kind: string) =>
  (await c.get(`/api/v1/training/hours/${personId}`))
    .json()
    .sources.find((s: { kind: string }) => s.kind === kind).hours as number;

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  member = await env.login('demo-member');
  general = await env.login('demo-general');
  committee = await env.login('demo-committee');
}, 120_000);
afterAll(() => env.close());

describe('classes', () => {
  it('takes the API’s minimal body, enrols the branch, records attendance with hours and a completion record', async () => {
    const made = await secretary.post('/api/v1/training/classes', {
      orgId: fx.branchId,
      title: '接口测试班',
      startsOn: addDays(TEST_TODAY, -2),
      endsOn: addDays(TEST_TODAY, -1),
      hours: 4,
      participantOrgIds: [fx.branchId],
    });
    expect(made.statusCode, made.body).toBe(201);
    const c = made.json();
    expect(c.id).toBeTruthy();
    expect(c.code).toMatch(/^2026-\d{3}$/);
    expect(c.participants.map((p: { personId: string }) => p.personId)).toContain(fx.memberPersonId);
    const before = await hoursOf(member, fx.memberPersonId, 'class');

    const other = c.participants.find((p: { personId: string }) => p.personId !== fx.memberPersonId).personId;
    const att = await secretary.post(`/api/v1/training/classes/${c.id}/attendance`, {
      items: [
        { personId: fx.memberPersonId, status: 'present' },
        { personId: other, status: 'absent' },
      ],
    });
    expect(att.statusCode, att.body).toBe(200);
    const rows = att.json().participants as {
      personId: string;
      status: string;
      hours: number | null;
      certificateNo: string | null;
    }[];
    expect(rows.find((p) => p.personId === fx.memberPersonId)).toMatchObject({ status: 'present', hours: 4 });
    expect(rows.find((p) => p.personId === other)).toMatchObject({
      status: 'absent',
      hours: null,
      certificateNo: null,
    });
    expect(await hoursOf(member, fx.memberPersonId, 'class')).toBeCloseTo(before + 4, 5);

    const mine = (await member.get(`/api/v1/training/classes/${c.id}`)).json();
    expect(mine.participants).toHaveLength(1);
    const cert = await member.get(`/api/v1/training/certificates/${mine.myCertificateId}`);
    expect(cert.statusCode, cert.body).toBe(200);
    expect(cert.json()).toMatchObject({ classTitle: '接口测试班', hours: 4, no: `${c.code}-001` });

    const bad = await secretary.post(`/api/v1/training/classes/${c.id}/attendance`, {
      items: [{ personId: fx.otherBranchId, status: 'present' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields['items.0.personId']).toContain('不是本班学员');
  });

  it('refuses attendance before the class starts and bad dates, naming the field', async () => {
    const made = await secretary.post('/api/v1/training/classes', {
      orgId: fx.branchId,
      title: '未开班',
      startsOn: addDays(TEST_TODAY, 5),
      endsOn: addDays(TEST_TODAY, 5),
      hours: 2,
      participantOrgIds: [fx.branchId],
    });
    const early = await secretary.post(`/api/v1/training/classes/${made.json().id}/attendance`, {
      items: [{ personId: fx.memberPersonId, status: 'present' }],
    });
    expect(early.statusCode).toBe(409);
    const dates = await secretary.post('/api/v1/training/classes', {
      orgId: fx.branchId,
      title: '日期错',
      startsOn: '2026-11-20',
      endsOn: '2026-11-19',
      hours: 2,
      participantOrgIds: [fx.branchId],
    });
    expect(dates.statusCode).toBe(400);
    expect(dates.json().fields.endsOn).toBe('结业日期不能早于开班日期');
    const foreign = await secretary.post('/api/v1/training/classes', {
      orgId: fx.branchId,
      title: '范围外',
      startsOn: '2026-11-20',
      endsOn: '2026-11-20',
      hours: 2,
      participantOrgIds: [fx.otherBranchId],
    });
    expect(foreign.statusCode).toBe(400);
    expect(Object.keys(foreign.json().fields)).toEqual(['participantOrgIds.0']);
  });

  it('sign-up within the capacity, withdrawal while it is open', async () => {
    const made = await general.post('/api/v1/training/classes', {
      orgId: fx.generalId,
      title: '报名班',
      startsOn: addDays(TEST_TODAY, 10),
      endsOn: addDays(TEST_TODAY, 10),
      hours: 2,
      capacity: 1,
      enrollment: 'signup',
      participantOrgIds: [fx.generalId],
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    expect(made.json().participantCount).toBe(0);
    expect((await member.post(`/api/v1/training/classes/${id}/signup`)).statusCode).toBe(200);
    const full = await secretary.post(`/api/v1/training/classes/${id}/signup`);
    expect(full.statusCode).toBe(403);
    expect(full.json().message).toBe('名额已满');
    const left = await member.delete(`/api/v1/training/classes/${id}/signup`);
    expect(left.statusCode).toBe(200);
    expect((await secretary.post(`/api/v1/training/classes/${id}/signup`)).statusCode).toBe(200);
  });
});

describe('study content', () => {
  it('counts visible time by heartbeats, capped by the clock, and finishes once', async () => {
    await committee.patch('/api/v1/training/settings', { finishRatio: 0.5 });
    const made = await secretary.post('/api/v1/training/contents', {
      orgId: fx.branchId,
      title: '一分钟学习',
      kind: 'article',
      topic: '安全生产',
      body: '正文',
      minutes: 1,
      hours: 0.5,
      audienceOrgIds: [fx.branchId],
      required: true,
      dueOn: addDays(TEST_TODAY, 7),
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    const before = await hoursOf(member, fx.memberPersonId, 'content');
    const open = await member.post(`/api/v1/training/contents/${id}/progress`, { seconds: 0 });
    expect(open.json()).toMatchObject({ seconds: 0, capSeconds: 60, finishSeconds: 30, canFinish: false });
    // Claiming a minute straight away gains only the seconds that passed (plus slack).
    const greedy = (await member.post(`/api/v1/training/contents/${id}/progress`, { seconds: 60 })).json();
    expect(greedy.seconds).toBeLessThanOrEqual(6);
    expect((await member.post(`/api/v1/training/contents/${id}/finish`)).statusCode).toBe(409);
    vi.setSystemTime(new Date(Date.now() + 20_000));
    const beat1 = (await member.post(`/api/v1/training/contents/${id}/progress`, { seconds: 15 })).json();
    vi.setSystemTime(new Date(Date.now() + 20_000));
    const beat2 = (await member.post(`/api/v1/training/contents/${id}/progress`, { seconds: 15 })).json();
    expect(beat2.seconds).toBe(beat1.seconds + 15);
    expect(beat2.canFinish).toBe(true);
    const done = await member.post(`/api/v1/training/contents/${id}/finish`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().finishedOn).toBe(TEST_TODAY);
    expect(await hoursOf(member, fx.memberPersonId, 'content')).toBeCloseTo(before + 0.5, 5);
    expect((await member.post(`/api/v1/training/contents/${id}/finish`)).statusCode).toBe(409);
    const stats = (await secretary.get(`/api/v1/training/contents/${id}`)).json().stats;
    expect(stats.finished).toBe(1);
    await committee.patch('/api/v1/training/settings', { finishRatio: 0.8 });
  });

  it('managers above follow it without studying it', async () => {
    const list = (await general.get('/api/v1/training/contents?pageSize=100')).json();
    const item = list.items.find((c: { title: string }) => c.title === '一分钟学习');
    expect(item.actions).toContain('results');
    expect(item.actions).not.toContain('study');
    expect(item.stats.finished).toBe(1);
  });
});

describe('needs surveys', () => {
  it('members answer, the issuer sees the demand per topic and plans a class from it', async () => {
    const made = await general.post('/api/v1/training/surveys', {
      orgId: fx.generalId,
      title: '测试调查',
      topics: ['安全生产', '业务技能', '党史学习教育'],
      audience: 'members',
      deadline: addDays(TEST_TODAY, 7),
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    const answer = await member.post(`/api/v1/training/surveys/${id}/answers`, {
      choices: ['安全生产', '业务技能'],
      comment: '多讲案例',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().results).toBeNull();
    const wrong = await member.post(`/api/v1/training/surveys/${id}/answers`, { choices: ['烹饪'] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields['choices.0']).toContain('不是本调查列出的主题');
    const results = (await general.get(`/api/v1/training/surveys/${id}`)).json().results;
    expect(results.answered).toBe(1);
    expect(results.topics[0]).toMatchObject({ topic: expect.any(String), count: 1 });
    const safety = results.topics.find((t: { topic: string }) => t.topic === '安全生产');
    expect(safety.personIds).toEqual([fx.memberPersonId]);
    const planned = await general.post('/api/v1/training/classes', {
      orgId: fx.generalId,
      title: '安全生产专题培训班',
      topic: '安全生产',
      surveyId: id,
      startsOn: addDays(TEST_TODAY, 20),
      endsOn: addDays(TEST_TODAY, 20),
      hours: 3,
      participantOrgIds: [],
      participantPersonIds: safety.personIds,
    });
    expect(planned.statusCode, planned.body).toBe(201);
    expect(planned.json()).toMatchObject({ surveyId: id, participantCount: 1 });
    const secretaryCannot = await secretary.post('/api/v1/training/surveys', {
      orgId: fx.branchId,
      title: '支部发调查',
      topics: ['甲', '乙'],
      audience: 'members',
      deadline: addDays(TEST_TODAY, 7),
    });
    expect(secretaryCannot.statusCode).toBe(403);
  });
});

describe('statistics, export, the member’s page and the to-do', () => {
  it('the committee’s statistics cover every general branch; the branch level lists its members', async () => {
    const s = (await committee.get('/api/v1/training/stats?year=2026')).json();
    expect(s.children.length).toBeGreaterThanOrEqual(18);
    expect(s.totals.members).toBeGreaterThan(1000);
    expect(s.bySource.every((b: { hours: number }) => b.hours > 0)).toBe(true);
    expect(s.totals.counts.behind).toBeGreaterThan(0);
    expect(s.byMonth).toHaveLength(12);
    const branch = (await secretary.get(`/api/v1/training/stats?orgId=${fx.branchId}`)).json();
    expect(branch.children).toEqual([]);
    expect(branch.totals.members).toBeGreaterThan(5);
  });

  it('exports the ledger of a scope as a workbook', async () => {
    const res = await secretary.get(`/api/v1/training/hours/export?orgId=${fx.branchId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('the member sees their hours, classes, required reading; the secretary’s to-do lists who is short', async () => {
    const mine = (await member.get('/api/v1/training/mine')).json();
    expect(mine.target).toBe(32);
    expect(mine.hours).toBeGreaterThan(0);
    expect(mine.classes.some((c: { title: string }) => c.title === '冬季防寒过冬安全专题学习')).toBe(true);
    expect(mine.required.length).toBeGreaterThan(0);
    const todo = (await secretary.get('/api/v1/todo')).json().items as {
      module: string;
      key: string;
      count: number;
    }[];
    const keys = todo.filter((t) => t.module === 'training').map((t) => t.key);
    expect(keys).toContain('attendance');
    const memberTodo = (await member.get('/api/v1/todo')).json().items as { module: string; key: string }[];
    expect(memberTodo.filter((t) => t.module === 'training').map((t) => t.key)).toEqual(
      expect.arrayContaining(['classes', 'required']),
    );
  });
});
