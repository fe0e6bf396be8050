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
import { queryRows } from '../../platform/db';

/**
 * Assessment through the API: the contract (templates, rounds, results with rank null while
 * ranking is off, close), scope (a general branch assesses only its own branches, a branch sees only its
 * own result), manual scores with reasons, bad input named by field with nothing written, the settings,
 * zones and model posts, and the overview.
 */
let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let committee: Client;
let general: Client;
let secretary: Client;
let member: Client;

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  committee = await env.login('demo-committee');
  general = await env.login('demo-general');
  secretary = await env.login('demo-secretary');
  member = await env.login('demo-member');
});
afterAll(() => env.close());

const count = async (table: string) =>
  (
    await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from ${sql.identifier(table)}`)
  )[0].n;

const SOURCES = [
  'meeting_compliance',
  'talk_coverage',
  'overdue_talks',
  'member_violations',
  'overdue_rectifications',
  'overdue_tasks',
  'study_hours',
];

describe('the contract of the issue', () => {
  let templateId: string;
  let items: { id: string; source: string }[];
  let roundId: string;

  it('creates a template of every computed source and a manual item, answering its id and its items’ ids', async () => {
    const res = await general.post('/api/v1/assessment/templates', {
      name: '总支季度考核',
      target: 'branch',
      items: [
        ...SOURCES.map((source) => ({ name: `项目-${source}`, maxPoints: 10, source })),
        { name: '检查评分', maxPoints: 30, source: 'manual' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json();
    expect(t.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.orgId).toBe(fx.generalId);
    expect(t.items).toHaveLength(8);
    expect(t.items.every((i: { id: string }) => /^[0-9a-f-]{36}$/.test(i.id))).toBe(true);
    // Count sources default to deductions, ratio sources and the manual item to score items.
    expect(t.items.find((i: { source: string }) => i.source === 'overdue_tasks').kind).toBe('deduction');
    expect(t.items.find((i: { source: string }) => i.source === 'study_hours').kind).toBe('score');
    templateId = t.id;
    items = t.items;
  });

  it('opens a round over the general branch and answers results with rank null while ranking is off', async () => {
    const res = await general.post('/api/v1/assessment/rounds', {
      templateId,
      orgId: fx.generalId,
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
    });
    expect(res.statusCode, res.body).toBe(201);
    roundId = res.json().id;
    const r = await general.get(`/api/v1/assessment/rounds/${roundId}/results`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.items.length).toBeGreaterThan(1);
    const paths = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from orgs where parent_id = ${fx.generalId} and type = 'branch'`,
    );
    expect(body.items.every((i: { orgId: string }) => paths.some((p) => p.id === i.orgId))).toBe(true);
    for (const subject of body.items) {
      expect(subject).toMatchObject({ rank: null });
      expect(subject).toHaveProperty('total');
      for (const i of subject.items) {
        expect(Object.keys(i)).toEqual(
          expect.arrayContaining(['itemId', 'points', 'max', 'computed', 'evidence']),
        );
        expect(i.computed).toBe(i.itemId !== items.find((x) => x.source === 'manual')!.id);
      }
    }
  });

  it('lets the general branch score a manual item with a reason, refuses one above the maximum by field', async () => {
    const manual = items.find((i) => i.source === 'manual')!.id;
    const bad = await general.post(`/api/v1/assessment/rounds/${roundId}/scores`, {
      subjectId: fx.branchId,
      itemId: manual,
      points: 31,
      reason: '超分',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.points).toContain('30');
    const computed = await general.post(`/api/v1/assessment/rounds/${roundId}/scores`, {
      subjectId: fx.branchId,
      itemId: items[0].id,
      points: 5,
      reason: '改计算项',
    });
    expect(computed.statusCode).toBe(400);
    expect(computed.json().fields.itemId).toContain('系统根据记录计算');
    const noReason = await general.post(`/api/v1/assessment/rounds/${roundId}/scores`, {
      subjectId: fx.branchId,
      itemId: manual,
      points: 20,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('评分理由');
    const ok = await general.post(`/api/v1/assessment/rounds/${roundId}/scores`, {
      subjectId: fx.branchId,
      itemId: manual,
      points: 27.5,
      reason: '台账齐全，阵地规范',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const scored = ok.json().result.items.find((i: { itemId: string }) => i.itemId === manual);
    expect(scored).toMatchObject({
      points: 27.5,
      scored: true,
      reason: '台账齐全，阵地规范',
      computed: false,
    });
    const [event] = await queryRows<{ action: string; details: { to: number } }>(
      env.ctx.db,
      sql`select action, details from audit_events where action = 'assessment_score.set' order by seq desc limit 1`,
    );
    expect(event.details.to).toBe(27.5);
  });

  it('shows a branch only its own result and evidence; refuses it scoring and closing', async () => {
    const mine = await secretary.get(`/api/v1/assessment/rounds/${roundId}/results`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((i: { orgId: string }) => i.orgId)).toEqual([fx.branchId]);
    expect(mine.json().round.seesAll).toBe(false);
    expect(
      (await secretary.get(`/api/v1/assessment/rounds/${roundId}/results/${fx.otherBranchId}`)).statusCode,
    ).toBe(404);
    expect(
      (await secretary.get(`/api/v1/assessment/rounds/${roundId}/results/${fx.branchId}`)).statusCode,
    ).toBe(200);
    expect((await secretary.post(`/api/v1/assessment/rounds/${roundId}/close`)).statusCode).toBe(403);
    expect((await member.get(`/api/v1/assessment/rounds/${roundId}/results`)).statusCode).toBe(404);
  });

  it('lists a branch the rounds that concern it: over its general branch too, not the general branch’s list', async () => {
    const ids = async (url: string) => {
      const res = await secretary.get(url);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((r: { id: string }) => r.id);
    };
    expect(await ids(`/api/v1/assessment/rounds?orgId=${fx.branchId}`)).toContain(roundId);
    expect(await ids('/api/v1/assessment/rounds')).toContain(roundId);
    expect((await secretary.get(`/api/v1/assessment/rounds?orgId=${fx.otherBranchId}`)).statusCode).toBe(404);
  });

  it('keeps a general branch to its own branches', async () => {
    const res = await general.post('/api/v1/assessment/rounds', {
      templateId,
      orgId: fx.committeeId,
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
    });
    expect([403, 404]).toContain(res.statusCode);
    const other = await general.get(
      `/api/v1/assessment/rounds/${roundId}/results/${fx.branchInOtherGeneralId}`,
    );
    expect(other.statusCode).toBe(404);
  });

  it('closes the round: frozen, audited, no more scores', async () => {
    const res = await general.post(`/api/v1/assessment/rounds/${roundId}/close`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('closed');
    const [{ n }] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_events where action = 'assessment_result.freeze' and details->>'roundId' = ${roundId}`,
    );
    expect(n).toBe((await general.get(`/api/v1/assessment/rounds/${roundId}/results`)).json().items.length);
  });

  it('shows rank numbers and stars only when the committee turns them on', async () => {
    expect((await general.put('/api/v1/assessment/settings', { ranking: true })).statusCode).toBe(403);
    const on = await committee.put('/api/v1/assessment/settings', { ranking: true, stars: true });
    expect(on.statusCode, on.body).toBe(200);
    const ranked = (await general.get(`/api/v1/assessment/rounds/${roundId}/results`)).json();
    expect(ranked.ranking).toBe(true);
    const applicable = ranked.items.filter((i: { applicable: boolean }) => i.applicable);
    expect(applicable.every((i: { rank: number; stars: number }) => i.rank >= 1 && i.stars >= 1)).toBe(true);
    const percents = applicable.map((i: { percent: number }) => i.percent);
    expect(percents).toEqual([...percents].sort((a, b) => b - a));
    await committee.put('/api/v1/assessment/settings', { ranking: false, stars: false });
    const off = (await general.get(`/api/v1/assessment/rounds/${roundId}/results`)).json();
    expect(off.items.every((i: { rank: null; stars: null }) => i.rank === null && i.stars === null)).toBe(
      true,
    );
  });
});

describe('bad input', () => {
  it.each([
    [{ name: '', target: 'branch', items: [{ name: 'a', maxPoints: 1, source: 'manual' }] }, '模板名称'],
    [{ name: '坏模板', target: 'team', items: [{ name: 'a', maxPoints: 1, source: 'manual' }] }, '考核对象'],
    [{ name: '坏模板', target: 'branch', items: [{ name: 'a', maxPoints: 1, source: 'bogus' }] }, '数据来源'],
    [{ name: '坏模板', target: 'branch', items: [{ name: 'a', maxPoints: -1, source: 'manual' }] }, '分值'],
    [{ name: '坏模板', target: 'branch', items: [] }, '考核项目'],
    [
      { name: '坏模板', target: 'member', items: [{ name: 'a', maxPoints: 5, source: 'talk_coverage' }] },
      '考核项目',
    ],
    [
      { name: '坏模板', target: 'branch', items: [{ name: 'a', maxPoints: 5, source: 'overdue_tasks' }] },
      '至少需要一个得分项',
    ],
  ])('refuses template %o naming %s, writing nothing', async (body, field) => {
    const before = [await count('assessment_templates'), await count('audit_events')];
    const res = await committee.post('/api/v1/assessment/templates', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(field);
    expect([await count('assessment_templates'), await count('audit_events')]).toEqual(before);
  });

  it.each([
    [{ periodStart: '2026-09-30', periodEnd: '2026-07-01' }, '结束日期不能早于开始日期'],
    [{ periodStart: '2027-01-01', periodEnd: '2027-03-31' }, '尚未开始'],
    [{ periodStart: '2026-02-30', periodEnd: '2026-03-31' }, '考核期开始'],
  ])('refuses a round %o: %s', async (period, message) => {
    const t = await committee.post('/api/v1/assessment/templates', {
      name: '期间测试',
      target: 'branch',
      items: [{ name: '检查', maxPoints: 100, source: 'manual' }],
    });
    const res = await committee.post('/api/v1/assessment/rounds', {
      templateId: t.json().id,
      orgId: fx.committeeId,
      ...period,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(message);
  });

  it('refuses a quarterly template’s round over a part of a quarter', async () => {
    const t = await committee.post('/api/v1/assessment/templates', {
      name: '季度测试',
      target: 'branch',
      periodKind: 'quarter',
      items: [{ name: '检查', maxPoints: 100, source: 'manual' }],
    });
    const res = await committee.post('/api/v1/assessment/rounds', {
      templateId: t.json().id,
      orgId: fx.committeeId,
      periodStart: '2026-07-01',
      periodEnd: '2026-08-31',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.periodStart).toContain('完整的季度');
  });
});

describe('templates are versioned', () => {
  it('a revision is a new version; the old one stays with the rounds that used it', async () => {
    const t = (
      await committee.post('/api/v1/assessment/templates', {
        name: '版本测试',
        target: 'branch',
        items: [{ name: '检查', maxPoints: 100, source: 'manual' }],
      })
    ).json();
    const round = (
      await committee.post('/api/v1/assessment/rounds', {
        templateId: t.id,
        orgId: fx.generalId,
        periodStart: '2026-07-01',
        periodEnd: '2026-09-30',
      })
    ).json();
    const v2 = await committee.post(`/api/v1/assessment/templates/${t.id}/revise`, {
      name: '版本测试',
      items: [
        { name: '检查', maxPoints: 60, source: 'manual' },
        { name: '组织生活', maxPoints: 40, source: 'meeting_compliance' },
      ],
    });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, familyId: t.familyId, status: 'active' });
    expect((await committee.get(`/api/v1/assessment/templates/${t.id}`)).json().status).toBe('superseded');
    const old = (await committee.get(`/api/v1/assessment/rounds/${round.id}/results`)).json();
    expect(old.items[0].items).toHaveLength(1);
    const again = await committee.post(`/api/v1/assessment/templates/${t.id}/revise`, {
      name: 'x',
      items: [],
    });
    expect(again.statusCode).toBe(400);
  });
});

describe('zones and model posts', () => {
  it('a branch defines them with its own members; the responsible member reads theirs', async () => {
    const personId = await newPerson(env, { orgId: fx.branchId });
    const outsider = await newPerson(env, { orgId: fx.otherBranchId });
    const bad = await secretary.post('/api/v1/assessment/zones', {
      orgId: fx.branchId,
      kind: 'zone',
      name: '站台责任区',
      area: '站台',
      goals: '零违章',
      personIds: [outsider],
      startedOn: '2026-03-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.personIds).toContain('本支部的党员');
    const ok = await secretary.post('/api/v1/assessment/zones', {
      orgId: fx.branchId,
      kind: 'model_post',
      name: '值班员示范岗',
      area: '值班员岗位',
      goals: '标准化作业',
      personIds: [personId],
      startedOn: '2026-03-01',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kindLabel: '党员示范岗', actions: ['edit', 'end'] });
    const page = await secretary.get(`/api/v1/assessment/branches/${fx.branchId}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().zones.some((z: { id: string }) => z.id === ok.json().id)).toBe(true);
    // Another branch's secretary, made the way the accounts module requires (first password changed).
    const other = await createAccountWithRole(env, 'other-secretary', 'branch_secretary', fx.otherBranchId);
    expect((await other.get(`/api/v1/assessment/branches/${fx.branchId}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/assessment/zones?orgId=${fx.branchId}`)).statusCode).toBe(404);
    const stale = await secretary.put(`/api/v1/assessment/zones/${ok.json().id}`, {
      name: '值班员示范岗',
      area: '值班员岗位',
      goals: '标准化作业，帮带新职工',
      personIds: [personId],
      version: 9,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('a member round assesses the members responsible for zones in its scope', async () => {
    const t = (
      await secretary.post('/api/v1/assessment/templates', {
        name: '岗区考核',
        target: 'member',
        orgId: fx.branchId,
        items: [
          { name: '目标完成', maxPoints: 60, source: 'manual' },
          { name: '出勤', maxPoints: 40, source: 'meeting_attendance' },
          { name: '违章', maxPoints: 10, source: 'member_violations' },
        ],
      })
    ).json();
    expect(t.items.find((i: { source: string }) => i.source === 'member_violations').rule.perUnit).toBe(2);
    const round = await secretary.post('/api/v1/assessment/rounds', {
      templateId: t.id,
      orgId: fx.branchId,
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
    });
    expect(round.statusCode, round.body).toBe(201);
    const res = (await secretary.get(`/api/v1/assessment/rounds/${round.json().id}/results`)).json();
    expect(res.items.length).toBeGreaterThan(0);
    expect(
      res.items.every((i: { personId: string; zones: unknown[] }) => i.personId && i.zones.length > 0),
    ).toBe(true);
  });
});

describe('the overview', () => {
  it('lists the general branch’s branches with every figure linking to its evidence, no rank', async () => {
    const res = await general.get(`/api/v1/assessment/overview?orgId=${fx.generalId}&year=2026&quarter=4`);
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o.rows.length).toBeGreaterThan(1);
    for (const r of o.rows) {
      expect(r).not.toHaveProperty('rank');
      for (const k of ['tasks', 'rectifications', 'orgLife', 'safety'])
        expect(r[k].link).toMatch(/^\/assessment\/overview\/evidence\?orgId=/);
    }
    expect(o.orderNote).toContain('不是排名');
    const evidence = await general.get(o.rows[0].orgLife.link.replace('/assessment/', '/api/v1/assessment/'));
    expect(evidence.statusCode, evidence.body).toBe(200);
    expect(evidence.json().title).toBe('组织生活');
    expect((await general.get(`/api/v1/assessment/overview?orgId=${fx.committeeId}`)).statusCode).toBe(404);
    expect((await secretary.get('/api/v1/assessment/overview')).statusCode).toBe(403);
  });
});
