import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createAccountWithRole,
  createTestEnv,
  demoFixtures,
  newPerson,
  type TestEnv,
} from '../../../test/harness';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { addDays } from './rules';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let general: Client;
let committee: Client;
let member: Client;
let otherSecretary: Client;
const today = todayLocal();

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  general = await env.login('demo-general');
  committee = await env.login('demo-committee');
  member = await env.login('demo-member');
  otherSecretary = await createAccountWithRole(
    env,
    'safety-other-sec2',
    'branch_secretary',
    fx.otherBranchId,
  );
}, 120_000);
afterAll(() => env.close());

/** A worker (no party member) of the organization, with no violations and no mentoring yet. */
const freshWorker = (orgId: string, extra: Record<string, unknown> = {}) =>
  newPerson(env, { orgId, partyStatus: 'masses', ...extra });

describe('notices with read receipts', () => {
  it('is issued by the general branch to its branches and read by a secretary', async () => {
    const worker = await freshWorker(fx.branchId);
    const v = (
      await secretary.post('/api/v1/violations', {
        personId: worker,
        kind: 'discipline_breach',
        occurredOn: today,
        category: 'duty_discipline',
        description: '班中脱岗',
      })
    ).json();
    const created = await general.post('/api/v1/safety/notices', {
      orgId: fx.generalId,
      title: '关于近期违纪情况的通报',
      body: '各支部组织学习。',
      violationIds: [v.id],
    });
    expect(created.statusCode).toBe(201);
    const notice = created.json();
    expect(notice.violations).toHaveLength(1);
    expect(notice.receipts.length).toBeGreaterThan(1);
    expect(notice.receipts.every((r: { readAt: string | null }) => r.readAt === null)).toBe(true);

    const seen = await secretary.get(`/api/v1/safety/notices/${notice.id}`);
    expect(seen.json().actions).toEqual(['mark_read']);
    expect(seen.json().receipts.map((r: { orgId: string }) => r.orgId)).toEqual([fx.branchId]);
    const read = await secretary.post(`/api/v1/safety/notices/${notice.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().receipts[0].readAt).not.toBeNull();
    const overview = (await general.get(`/api/v1/safety/notices?orgId=${fx.generalId}`)).json();
    const row = overview.items.find((i: { id: string }) => i.id === notice.id);
    expect(row.receipts.read).toBe(1);

    expect((await member.get(`/api/v1/safety/notices/${notice.id}`)).statusCode).toBe(404);
    const bad = await general.post('/api/v1/safety/notices', {
      orgId: fx.otherGeneralId,
      title: 't',
      body: 'b',
    });
    expect(bad.statusCode).toBe(404);
    const wrongViolation = await committee.post('/api/v1/safety/notices', {
      orgId: fx.otherGeneralId,
      title: 't',
      body: 'b',
      violationIds: [v.id],
    });
    expect(wrongViolation.statusCode).toBe(400);
    expect(wrongViolation.json().fields).toHaveProperty('violationIds');
  });
});

describe('weak workers and mentoring', () => {
  it('proposes a worker by the rule, pairs a mentor of the same branch, follows up and ends', async () => {
    const worker = await freshWorker(fx.branchId);
    for (const d of [addDays(today, -89), today])
      expect(
        (
          await secretary.post('/api/v1/violations', {
            personId: worker,
            kind: 'rule_breach',
            occurredOn: d,
            category: 'labor_safety',
            description: '横越线路未瞭望',
          })
        ).statusCode,
      ).toBe(201);
    const candidates = (
      await secretary.get(`/api/v1/safety/weak-persons/candidates?orgId=${fx.branchId}`)
    ).json();
    expect(candidates.items.map((c: { personId: string }) => c.personId)).toContain(worker);
    const later = (
      await secretary.get(
        `/api/v1/safety/weak-persons/candidates?orgId=${fx.branchId}&asOf=${addDays(today, 1)}`,
      )
    ).json();
    expect(later.items.map((c: { personId: string }) => c.personId)).not.toContain(worker);

    const outsider = await newPerson(env, { orgId: fx.otherBranchId, partyStatus: 'full' });
    const wrongMentor = await secretary.post('/api/v1/safety/weak-persons', {
      personId: worker,
      mentorPersonId: outsider,
      source: 'rule',
      reason: '90天内违章2次',
      goals: '不再违章',
      startedOn: today,
    });
    expect(wrongMentor.statusCode).toBe(400);
    expect(wrongMentor.json().fields).toHaveProperty('mentorPersonId');

    const created = await secretary.post('/api/v1/safety/weak-persons', {
      personId: worker,
      mentorPersonId: fx.memberPersonId,
      source: 'rule',
      reason: '90天内违章2次',
      goals: '不再违章',
      startedOn: today,
    });
    expect(created.statusCode).toBe(201);
    const w = created.json();
    expect(w.nextFollowupDue > today).toBe(true);
    // The mentor (an ordinary member) sees the case and records the follow-up; another secretary doesn't.
    expect((await member.get(`/api/v1/safety/weak-persons/${w.id}`)).json().actions).toEqual(['followup']);
    expect(
      (await member.post(`/api/v1/safety/weak-persons/${w.id}/followups`, { heldOn: today, note: '谈心' }))
        .statusCode,
    ).toBe(201);
    expect((await otherSecretary.get(`/api/v1/safety/weak-persons/${w.id}`)).statusCode).toBe(404);
    expect(
      (await member.post(`/api/v1/safety/weak-persons/${w.id}/end`, { endedOn: today, outcome: 'improved' }))
        .statusCode,
    ).toBe(403);
    const ended = await secretary.post(`/api/v1/safety/weak-persons/${w.id}/end`, {
      endedOn: today,
      outcome: 'improved',
    });
    expect(ended.json()).toMatchObject({ outcome: 'improved', followupCount: 1, actions: [] });
    const badOutcome = await secretary.post(`/api/v1/safety/weak-persons/${w.id}/end`, {
      endedOn: today,
      outcome: 'fine',
    });
    expect(badOutcome.json().fields).toHaveProperty('outcome');
  });
});

describe('a mentoring talk is a follow-up', () => {
  it('a talk of kind mentoring with the worker counts as the last follow-up, entered once', async () => {
    const worker = await freshWorker(fx.branchId);
    const startedOn = addDays(today, -70);
    const created = await secretary.post('/api/v1/safety/weak-persons', {
      personId: worker,
      mentorPersonId: fx.memberPersonId,
      source: 'manual',
      reason: '作业中多次未执行呼唤应答',
      goals: '标准化作业',
      startedOn,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const before = (await secretary.get(`/api/v1/safety/weak-persons/${id}`)).json();
    expect(before.followupOverdue).toBe(true);
    const overdueBefore = (await secretary.get(`/api/v1/safety/todo`)).json().counts.followupsOverdue;

    const talk = await secretary.post('/api/v1/talks', {
      personId: worker,
      heldOn: addDays(today, -1),
      kind: 'mentoring',
      summary: '帮教谈话：复盘呼唤应答要求',
    });
    expect(talk.statusCode).toBe(201);
    const after = (await secretary.get(`/api/v1/safety/weak-persons/${id}`)).json();
    expect(after).toMatchObject({ lastFollowupOn: addDays(today, -1), followupOverdue: false });
    expect((await secretary.get(`/api/v1/safety/todo`)).json().counts.followupsOverdue).toBe(
      overdueBefore - 1,
    );
  });
});

describe('analyses and projects', () => {
  it('the branch writes an analysis, its superior closes it', async () => {
    const a = await secretary.post('/api/v1/safety/analyses', {
      orgId: fx.branchId,
      periodFrom: addDays(today, -90),
      periodTo: today,
      trigger: 'threshold',
      rootCauses: '盯控不到位',
      measures: '每周安全讲评',
      responsiblePersonId: fx.secretaryPersonId,
      dueOn: addDays(today, 30),
    });
    expect(a.statusCode).toBe(201);
    expect(a.json().actions).toEqual([]);
    expect(
      (await secretary.post(`/api/v1/safety/analyses/${a.json().id}/close`, { comment: '自己闭环' }))
        .statusCode,
    ).toBe(403);
    const closed = await general.post(`/api/v1/safety/analyses/${a.json().id}/close`, {
      comment: '措施落实，同意闭环',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', closedOn: today });
    const reversed = await secretary.post('/api/v1/safety/analyses', {
      orgId: fx.branchId,
      periodFrom: today,
      periodTo: addDays(today, -1),
      rootCauses: 'x',
      measures: 'y',
      dueOn: today,
    });
    expect(reversed.json().fields).toHaveProperty('periodTo');
  });

  it('runs a tackling project with milestones to completion', async () => {
    const p = await general.post('/api/v1/safety/projects', {
      orgId: fx.generalId,
      title: '调车防溜攻关',
      problem: '防溜违章多',
      target: '下降一半',
      leaderPersonId: fx.secretaryPersonId,
      memberPersonIds: [fx.memberPersonId],
      startedOn: addDays(today, -30),
      milestones: [
        { title: '调研', dueOn: today },
        { title: '实施', dueOn: addDays(today, 60) },
      ],
    });
    expect(p.statusCode).toBe(201);
    const project = (await general.get(`/api/v1/safety/projects/${p.json().id}`)).json();
    expect(project.milestoneList).toHaveLength(2);
    expect((await member.get(`/api/v1/safety/projects/${project.id}`)).statusCode).toBe(200);
    const upd = await secretary.post(`/api/v1/safety/projects/${project.id}/updates`, {
      on: today,
      note: '完成调研',
      milestoneId: project.milestoneList[0].id,
    });
    expect(upd.json().milestones).toEqual({ total: 2, done: 1 });
    const done = await general.post(`/api/v1/safety/projects/${project.id}/complete`, {
      result: '下降60%',
      evaluation: '优秀',
    });
    expect(done.json()).toMatchObject({ status: 'completed', actions: [] });
    const outside = await secretary.post('/api/v1/safety/projects', {
      orgId: fx.branchId,
      title: 't',
      problem: 'p',
      target: 't',
      leaderPersonId: await newPerson(env, { orgId: fx.otherBranchId }),
      startedOn: today,
    });
    expect(outside.json().fields).toHaveProperty('leaderPersonId');
  });
});

describe('project detail lists what started it', () => {
  it('shows the linked analysis and violations as far as the caller may read them', async () => {
    const worker = await freshWorker(fx.branchId);
    const v = await secretary.post('/api/v1/violations', {
      personId: worker,
      kind: 'rule_breach',
      occurredOn: today,
      category: 'shunting',
      description: '推进作业未派人引导',
    });
    const a = await secretary.post('/api/v1/safety/analyses', {
      orgId: fx.branchId,
      periodFrom: `${today.slice(0, 4)}-01-01`,
      periodTo: today,
      rootCauses: '推进作业盯控不到位',
      measures: '专项整治',
      dueOn: addDays(today, 30),
    });
    const p = await secretary.post('/api/v1/safety/projects', {
      orgId: fx.branchId,
      title: '推进作业攻关',
      problem: '推进作业违章',
      target: '清零',
      leaderPersonId: fx.secretaryPersonId,
      memberPersonIds: [fx.memberPersonId],
      analysisId: a.json().id,
      violationIds: [v.json().id],
      startedOn: today,
    });
    expect(p.statusCode).toBe(201);
    const detail = (await general.get(`/api/v1/safety/projects/${p.json().id}`)).json();
    expect(detail.linkedAnalyses).toEqual([
      expect.objectContaining({ id: a.json().id, rootCauses: '推进作业盯控不到位', status: 'open' }),
    ]);
    expect(detail.linkedViolations).toEqual([
      expect.objectContaining({
        id: v.json().id,
        occurredOn: today,
        categoryName: '调车作业',
        kindLabel: '违章',
      }),
    ]);
    expect(detail.linkedViolations[0].personName).toBeTruthy();
    expect(detail.hiddenViolations).toBe(0);
    // A member working on the project reads it, but not the worker's violation nor the analysis.
    const seen = (await member.get(`/api/v1/safety/projects/${p.json().id}`)).json();
    expect(seen.linkedViolations).toEqual([]);
    expect(seen.linkedAnalyses).toEqual([]);
    expect(seen.hiddenViolations).toBe(1);
  });
});

describe('settings', () => {
  it('only the committee changes the tenant rules, and the talk deadline follows them', async () => {
    expect((await general.request('PUT', '/api/v1/safety/settings', { talkDueDays: 5 })).statusCode).toBe(
      403,
    );
    const bad = await committee.request('PUT', '/api/v1/safety/settings', { talkDueDays: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('talkDueDays');
    const ok = await committee.request('PUT', '/api/v1/safety/settings', { talkDueDays: 5 });
    expect(ok.json().talkDueDays).toBe(5);
    const worker = await freshWorker(fx.branchId);
    const v = await secretary.post('/api/v1/violations', {
      personId: worker,
      kind: 'rule_breach',
      occurredOn: today,
      category: 'shunting',
      description: '未要道还道',
    });
    expect(v.json().talk.dueOn).toBe(addDays(today, 5));
    await committee.request('PUT', '/api/v1/safety/settings', { talkDueDays: 3 });
  });
});

describe('Excel ledgers', () => {
  it('exports the violation ledger of the caller scope, audited', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const res = await general.get(`/api/v1/violations/export?orgId=${fx.generalId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(2).getCell(2).value).toBe('发生日期');
    expect(sheet.rowCount).toBeGreaterThan(2);
    const auditor = await env.login('demo-auditor');
    const log = (await auditor.get('/api/v1/audit?action=violation.export')).json();
    expect(log.total).toBeGreaterThan(0);
    const weak = await secretary.get('/api/v1/safety/weak-persons/export');
    expect(weak.statusCode).toBe(200);
  });

  const sheetOf = async (res: { rawPayload: unknown }) => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as ArrayBuffer);
    return wb.worksheets[0];
  };

  it.each([
    ['/api/v1/safety/analyses', '/api/v1/safety/analyses/export', '原因剖析', 'safety_analysis.export'],
    ['/api/v1/safety/projects', '/api/v1/safety/projects/export', '项目名称', 'tackling_project.export'],
    ['/api/v1/safety/notices', '/api/v1/safety/notices/export', '标题', 'notice.list_export'],
    ['/api/v1/talks/obligations', '/api/v1/talks/obligations/export', '谈话期限', 'talk_obligation.export'],
  ])('exports %s as the list of the caller scope, audited', async (list, url, header, action) => {
    for (const [client, orgId] of [
      [general, fx.generalId],
      [secretary, fx.branchId],
    ] as const) {
      const total = (await client.get(`${list}?orgId=${orgId}&pageSize=1`)).json().total as number;
      const res = await client.get(`${url}?orgId=${orgId}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const sheet = await sheetOf(res);
      const headers = (sheet.getRow(2).values as unknown[]).filter(Boolean);
      expect(headers).toContain(header);
      expect(sheet.rowCount - 2).toBe(total);
    }
    // Outside the caller's subtree: refused as not found.
    expect((await secretary.get(`${url}?orgId=${fx.otherBranchId}`)).statusCode).toBe(404);
    const auditor = await env.login('demo-auditor');
    expect((await auditor.get(`/api/v1/audit?action=${action}`)).json().total).toBeGreaterThan(0);
  });

  it('says so in the file when the row cap cuts a ledger', async () => {
    const { ledger, truncationNote } = await import('../../platform/excel');
    expect(truncationNote(5, 5)).toBeNull();
    expect(truncationNote(5000, 5200)).toContain('共 5200 条');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await ledger('测试', [{ header: '序号', width: 6 }], [[1], [2]], 7)) as unknown as ArrayBuffer,
    );
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(5);
    expect(String(sheet.getRow(5).getCell(1).value)).toContain('仅导出前 2 条，共 7 条');
    const whole = new ExcelJS.Workbook();
    await whole.xlsx.load(
      (await ledger('测试', [{ header: '序号', width: 6 }], [[1]])) as unknown as ArrayBuffer,
    );
    expect(whole.worksheets[0].rowCount).toBe(3);
  });

  it('puts the post in the violation ledger, defaulting to the person', async () => {
    const worker = await freshWorker(fx.branchId, { post: '调车员' });
    const [{ post }] = await queryRows<{ post: string | null }>(
      env.ctx.db,
      sql`select post from people where id = ${worker}`,
    );
    expect(post).toBe('调车员');
    const given = await secretary.post('/api/v1/violations', {
      personId: worker,
      kind: 'rule_breach',
      occurredOn: today,
      category: 'shunting',
      post: '连结员（顶岗）',
      description: '岗位测试甲',
    });
    expect(given.json().post).toBe('连结员（顶岗）');
    const defaulted = await secretary.post('/api/v1/violations', {
      personId: worker,
      kind: 'rule_breach',
      occurredOn: today,
      category: 'shunting',
      description: '岗位测试乙',
    });
    expect(defaulted.json().post).toBe(post);
    const sheet = await sheetOf(await secretary.get(`/api/v1/violations/export?personId=${worker}`));
    const headers = sheet.getRow(2).values as unknown[];
    const col = headers.indexOf('岗位');
    expect(col).toBeGreaterThan(0);
    const posts = [3, 4].map((r) => sheet.getRow(r).getCell(col).value);
    expect(posts).toContain('连结员（顶岗）');
  });
});
