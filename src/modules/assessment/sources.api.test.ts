import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../../test/harness';
import { queryRows } from '../../platform/db';
import type { Result, ResultList } from './contract';
import { buildSection, type Section } from './fixtures.test-helpers';

/**
 * Computed items against known records, as a table: a test general branch of six branches (a full
 * quarter, a missed quarter, overdue talks, an empty branch, one founded mid-period, one founded too late)
 * assessed for 2026 Q3 on the tests' day (2026-11-18). Then the closed round stays frozen while the
 * records change and an open round over the same period moves with them.
 */
let env: TestEnv;
let committee: Client;
let s: Section;
const ids: Record<string, string> = {};
let templateId = '';
let itemIds: Record<string, string> = {};

const ITEMS = [
  { name: '组织生活', maxPoints: 30, source: 'meeting_compliance' },
  { name: '出勤', maxPoints: 10, source: 'meeting_attendance' },
  { name: '谈心谈话', maxPoints: 10, source: 'talk_coverage' },
  { name: '检查', maxPoints: 50, source: 'manual' },
  { name: '两违谈话逾期', maxPoints: 5, source: 'overdue_talks' },
  { name: '党员违章', maxPoints: 10, source: 'member_violations', rule: { perUnit: 0.1 } },
  { name: '党费', maxPoints: 5, source: 'dues_paid' },
];

/** Every unit a branch owes in Q3 without a committee or groups: 3 theme days, the quarter's meeting and lecture. */
async function fullQuarter(branchId: string, opts: { skipQuarterly?: boolean } = {}) {
  for (const d of ['2026-07-10', '2026-08-10', '2026-09-10']) await s.meeting(branchId, 'theme_party_day', d);
  if (opts.skipQuarterly) return;
  await s.meeting(branchId, 'branch_general_meeting', '2026-09-20', { expected: 3, present: 2 });
  await s.meeting(branchId, 'party_lecture', '2026-08-25');
}

beforeAll(async () => {
  env = await createTestEnv();
  committee = await env.login('demo-committee');
  s = await buildSection(env.ctx, '考核测试党总支');
  const full = await s.branch('完整支部');
  await fullQuarter(full.id);
  await s.talk(full.id, full.people[0], '2026-03-01');
  await s.talk(full.id, full.people[1], '2026-06-01');
  ids.full = full.id;

  const missed = await s.branch('缺季支部');
  await fullQuarter(missed.id, { skipQuarterly: true });
  ids.missed = missed.id;

  const talks = await s.branch('谈话逾期支部');
  await fullQuarter(talks.id);
  await s.violation(talks.id, talks.people[0], '2026-08-01', { dueOn: '2026-08-08' });
  await s.violation(talks.id, talks.people[1], '2026-08-10', { dueOn: '2026-08-20', doneOn: '2026-08-25' });
  await s.violation(talks.id, talks.people[2], '2026-08-12', { dueOn: '2026-08-22', doneOn: '2026-08-15' });
  ids.talks = talks.id;

  ids.empty = (await s.branch('空支部', { members: 0 })).id;

  const founded = await s.branch('新建支部', { establishedOn: '2026-08-01', members: 2 });
  for (const d of ['2026-08-10', '2026-09-10'])
    await s.meeting(founded.id, 'theme_party_day', d, { expected: 2, present: 2 });
  await s.meeting(founded.id, 'branch_general_meeting', '2026-09-25', { expected: 2, present: 2 });
  ids.founded = founded.id;

  ids.late = (await s.branch('晚建支部', { establishedOn: '2026-08-20', members: 2 })).id;

  const t = await committee.post('/api/v1/assessment/templates', {
    name: '来源测试模板',
    target: 'branch',
    periodKind: 'quarter',
    items: ITEMS,
  });
  expect(t.statusCode, t.body).toBe(201);
  templateId = t.json().id;
  itemIds = Object.fromEntries(t.json().items.map((i: { id: string; name: string }) => [i.name, i.id]));
}, 120_000);
afterAll(() => env.close());

const newRound = async (name: string) => {
  const r = await committee.post('/api/v1/assessment/rounds', {
    templateId,
    orgId: s.generalId,
    periodStart: '2026-07-01',
    periodEnd: '2026-09-30',
    name,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};
const results = async (roundId: string): Promise<ResultList> => {
  const res = await committee.get(`/api/v1/assessment/rounds/${roundId}/results`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const byOrg = (list: ResultList, key: string): Result => list.items.find((i) => i.orgId === ids[key])!;
const item = (r: Result, name: string) => r.items.find((i) => i.itemId === itemIds[name])!;

describe('computed items of 2026 Q3, per branch', () => {
  let list: ResultList;
  beforeAll(async () => {
    list = await results(await newRound('来源测试'));
  });

  it('assesses the branches that existed in the period, in the tree’s order, without rank', () => {
    expect(list.items.map((i) => i.orgName)).toEqual([
      '完整支部',
      '缺季支部',
      '谈话逾期支部',
      '空支部',
      '新建支部',
      '晚建支部',
    ]);
    expect(list.ranking).toBe(false);
    expect(list.items.every((i) => i.rank === null && i.stars === null)).toBe(true);
  });

  it.each([
    // branch, applicable, organization life (value %, points), overdue talks, note
    ['full', true, 100, 30, 0, null],
    ['missed', true, 60, 18, 0, null],
    ['talks', true, 100, 30, -2, null],
    ['empty', false, null, null, null, '空支部'],
    ['founded', true, 75, 22.5, 0, '2026-08-01 成立'],
    ['late', false, null, null, null, '存续不足一半'],
  ])(
    '%s: applicable %s, organization life %s%% → %s, overdue talks %s',
    (key, applicable, value, points, talkPoints, note) => {
      const r = byOrg(list, key);
      expect(r.applicable).toBe(applicable);
      if (note) expect(r.note).toContain(note);
      else expect(r.note).toBeNull();
      const life = item(r, '组织生活');
      expect(life.computed).toBe(true);
      expect(life.points).toBe(points);
      if (applicable) expect(life.value).toBe(value);
      expect(item(r, '两违谈话逾期').points).toBe(talkPoints);
      if (!applicable) expect(r.total).toBeNull();
    },
  );

  it('shows the missed units and the meetings behind organization life, each with its link', () => {
    const life = item(byOrg(list, 'missed'), '组织生活');
    const missed = life.evidence.records.filter((x) => x.tone === 'bad').map((x) => x.title);
    expect(missed).toEqual(['支部党员大会（2026年第3季度）未召开', '党课（2026年第3季度）未召开']);
    const held = life.evidence.records.filter((x) => x.tone === 'good');
    expect(held).toHaveLength(3);
    expect(held.every((x) => x.link?.startsWith('/meetings/'))).toBe(true);
    expect(life.evidence.link).toContain(`/meetings/compliance?orgId=${ids.missed}`);
  });

  it('counts talks owed after violations that went overdue: late or not held, never one held in time', () => {
    const overdue = item(byOrg(list, 'talks'), '两违谈话逾期');
    expect(overdue.value).toBe(2);
    expect(overdue.evidence.records.map((x) => x.note)).toEqual([
      '应于 2026-08-08 前谈话，至今未谈',
      '应于 2026-08-20 前谈话，2026-08-25 才谈',
    ]);
    expect(overdue.evidence.records.every((x) => x.link?.startsWith('/safety/violations/'))).toBe(true);
  });

  it('reads members’ violations per 100 members and talk coverage against the year’s progress', () => {
    const talks = byOrg(list, 'talks');
    expect(item(talks, '党员违章').value).toBe(100);
    expect(item(talks, '党员违章').points).toBe(-10);
    const cov = item(byOrg(list, 'full'), '谈心谈话');
    // 2 of 3 members talked with by 2026-09-30, when 273/365 of the year had gone: 66.7 % ÷ 74.8 %.
    expect(cov.value).toBe(66.7);
    expect(cov.points).toBe(8.9);
  });

  it('leaves a source whose module is not installed out of the total, saying so', () => {
    const dues = item(byOrg(list, 'full'), '党费');
    expect(dues).toMatchObject({ available: false, points: null, valueText: '数据来源未启用' });
    const full = byOrg(list, 'full');
    // Score items counted: 30 + 10 + 10 (the manual item is not scored yet, dues not available).
    expect(full.maxTotal).toBe(50);
    expect(full.unscored).toBe(1);
  });
});

describe('a closed round stays frozen', () => {
  it('keeps its results when records change, while an open round of the same period moves', async () => {
    const frozenId = await newRound('冻结测试');
    const score = await committee.post(`/api/v1/assessment/rounds/${frozenId}/scores`, {
      subjectId: ids.missed,
      itemId: itemIds.检查,
      points: 40,
      reason: '台账齐全',
    });
    expect(score.statusCode, score.body).toBe(200);
    const before = await results(frozenId);
    const closed = await committee.post(`/api/v1/assessment/rounds/${frozenId}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', frozenOn: '2026-11-18', actions: ['export'] });
    const frozen = await results(frozenId);
    expect(frozen.items.map((i) => [i.orgId, i.total])).toEqual(before.items.map((i) => [i.orgId, i.total]));

    // The missed quarter's meeting is recorded late, after closing.
    await s.meeting(ids.missed, 'branch_general_meeting', '2026-09-28', { late: true });
    const openId = await newRound('对照测试');
    const moved = item(byOrg(await results(openId), 'missed'), '组织生活');
    expect(moved.value).toBe(80);
    const still = byOrg(await results(frozenId), 'missed');
    expect(item(still, '组织生活').value).toBe(60);
    expect(still).toEqual(byOrg(frozen, 'missed'));

    const again = await committee.post(`/api/v1/assessment/rounds/${frozenId}/close`);
    expect(again.statusCode).toBe(409);
    const rescore = await committee.post(`/api/v1/assessment/rounds/${frozenId}/scores`, {
      subjectId: ids.missed,
      itemId: itemIds.检查,
      points: 45,
      reason: '改分',
    });
    expect(rescore.statusCode).toBe(409);
    expect(rescore.json().message).toContain('已冻结');
    const [{ n }] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from assessment_results where round_id = ${frozenId}`,
    );
    expect(n).toBe(6);
  });
});
