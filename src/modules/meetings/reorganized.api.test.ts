/**
 * Issue 9 §5 through the API: a dissolved or merged branch takes late records (补录, marked late) for the
 * days it existed, its dissolution or merge day excluded; records of a merged branch and of its party
 * groups keep counting for the organization they belonged to on the meeting date.
 * The clock is fixed at 2026-11-18 (test/clock.ts): the fourth quarter runs from 2026-10-01.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TODAY } from '../../../test/clock';
import {
  type Client,
  createAccountWithRole,
  createTestEnv,
  demoFixtures,
  newPerson,
  type TestEnv,
} from '../../../test/harness';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let committee: Client;
let general: Client;
/** Full members of another branch, without posts, moved into the new branches for their roll calls. */
let spare: string[];

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  committee = await env.login('demo-committee');
  general = await env.login('demo-general');
  expect(TEST_TODAY).toBe('2026-11-18');
  // Full members since 2011, in no party group, holding no post and no account.
  spare = [
    await newPerson(env, { orgId: fx.otherBranchId }),
    await newPerson(env, { orgId: fx.otherBranchId }),
  ];
  expect(spare).toHaveLength(2);
});

async function transfer(personId: string, orgId: string, on: string) {
  const res = await committee.post(`/api/v1/people/${personId}/transfer`, { orgId, on });
  expect(res.statusCode, res.body).toBe(200);
}
afterAll(() => env.close());

let made = 0;
/** A new, empty organization under `parentId`, founded at the start of the year. */
async function newOrg(type: 'branch' | 'party_group', parentId: string): Promise<string> {
  made += 1;
  const res = await committee.post('/api/v1/orgs', {
    parentId,
    type,
    name: `重组测试${type === 'branch' ? '党支部' : '党小组'}${made}`,
    establishedOn: '2026-01-01',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const at = (day: string) => `${day}T09:00:00+08:00`;

/** Records a meeting with everyone on that day's roster present (an empty roll where there is none). */
async function record(client: Client, orgId: string, kind: string, day: string) {
  const roster = await client.get(`/api/v1/meetings/roster?orgId=${orgId}&date=${day}`);
  const people = roster.statusCode === 200 ? (roster.json().items as { personId: string }[]) : [];
  return client.post('/api/v1/meetings', {
    orgId,
    kind,
    topic: `重组测试：${day} 的${kind === 'party_group_meeting' ? '党小组会' : '主题党日'}`,
    heldAt: at(day),
    place: '党员活动室',
    attendance: people.map((p) => ({ personId: p.personId, status: 'present' })),
  });
}
async function recordAndSubmit(client: Client, orgId: string, kind: string, day: string) {
  const created = await record(client, orgId, kind, day);
  expect(created.statusCode, created.body).toBe(201);
  const submitted = await client.post(`/api/v1/meetings/${created.json().id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  return submitted.json() as {
    id: string;
    late: boolean;
    branchId: string;
    status: string;
    attendance: { personId: string }[];
  };
}

interface ComplianceItem {
  orgId: string;
  kind: string;
  expected: number;
  due: number;
  held: number;
  late: number;
  meetings: number;
}
interface ComplianceBranch {
  orgId: string;
  dissolvedOn: string | null;
  held: number;
}
async function q4(): Promise<{ items: ComplianceItem[]; branches: ComplianceBranch[] }> {
  const res = await general.get(`/api/v1/compliance?year=2026&quarter=4&orgId=${fx.generalId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const itemOf = (body: { items: ComplianceItem[] }, orgId: string, kind: string) =>
  body.items.find((i) => i.orgId === orgId && i.kind === kind);

describe('a branch dissolved mid-quarter', () => {
  let branchId: string;
  let secretary: Client;

  beforeAll(async () => {
    branchId = await newOrg('branch', fx.generalId);
    secretary = await createAccountWithRole(env, 'reorg-dissolved-sec', 'branch_secretary', branchId);
    // A member from October to the dissolution day, transferred out then: a branch with people can't end.
    await transfer(spare[0], branchId, '2026-10-01');
    await transfer(spare[0], fx.otherBranchId, '2026-11-10');
    const dissolved = await committee.post(`/api/v1/orgs/${branchId}/dissolve`, { on: '2026-11-10' });
    expect(dissolved.statusCode, dissolved.body).toBe(200);
  });

  it('stays on the secretary’s list of organizations to record for, with its dissolution day', async () => {
    const res = await secretary.get('/api/v1/meetings/recordable');
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.find((o: { id: string }) => o.id === branchId);
    expect(mine).toMatchObject({ type: 'branch', dissolvedOn: '2026-11-10', formerSpan: null });
    // No group ever hung under it: nothing listed as moved away.
    expect(res.json().items.filter((o: { formerSpan: unknown }) => o.formerSpan)).toEqual([]);
  });

  it('takes a late record (补录) for a day before the dissolution, marked late', async () => {
    const created = await record(secretary, branchId, 'theme_party_day', '2026-11-02');
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ orgId: branchId, branchId, late: true, status: 'draft' });
    const submitted = await secretary.post(`/api/v1/meetings/${created.json().id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ late: true, status: 'submitted' });
    const listed = await secretary.get(`/api/v1/meetings?orgId=${branchId}&late=true`);
    expect(listed.json().items.map((m: { id: string }) => m.id)).toContain(created.json().id);
  });

  it('refuses a record for a day after the dissolution, in Chinese, naming the field', async () => {
    const res = await record(secretary, branchId, 'theme_party_day', '2026-11-12');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('召开时间');
    expect(res.json().message).toContain('2026-11-10 撤销');
  });

  it('refuses a record on the dissolution day itself: it is not a day of existence', async () => {
    const res = await record(secretary, branchId, 'theme_party_day', '2026-11-10');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('只能补录此前召开的会议');
    // The day before is still one of its days.
    const dayBefore = await record(secretary, branchId, 'theme_party_day', '2026-11-09');
    expect(dayBefore.statusCode, dayBefore.body).toBe(201);
    expect(dayBefore.json().late).toBe(true);
  });

  it('moving a record of the branch onto or past the dissolution day is refused as well', async () => {
    const created = await record(secretary, branchId, 'theme_party_day', '2026-11-03');
    expect(created.statusCode, created.body).toBe(201);
    const moved = await secretary.patch(`/api/v1/meetings/${created.json().id}`, {
      heldAt: at('2026-11-10'),
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().message).toContain('撤销');
  });

  it('owes the quarter’s months it existed for at least half: October, not November', async () => {
    const body = await q4();
    expect(body.branches.find((b) => b.orgId === branchId)).toMatchObject({ dissolvedOn: '2026-11-10' });
    // Dissolved on 11-10: it existed 9 days of November, less than half; October it owed and missed.
    const theme = itemOf(body, branchId, 'theme_party_day');
    expect(theme).toMatchObject({ expected: 1, due: 1, held: 0 });
    expect(theme?.meetings).toBe(1);
  });
});

describe('a branch merged into another mid-quarter', () => {
  let sourceId: string;
  let targetId: string;
  let groupId: string;
  let sourceSecretary: Client;
  let targetSecretary: Client;
  let beforeMerge: { id: string; late: boolean; branchId: string };

  beforeAll(async () => {
    sourceId = await newOrg('branch', fx.generalId);
    targetId = await newOrg('branch', fx.generalId);
    groupId = await newOrg('party_group', sourceId);
    sourceSecretary = await createAccountWithRole(env, 'reorg-source-sec', 'branch_secretary', sourceId);
    targetSecretary = await createAccountWithRole(env, 'reorg-target-sec', 'branch_secretary', targetId);
    // A member of the merged branch from October, in its party group; the merge moves both to the target.
    await transfer(spare[1], sourceId, '2026-10-01');
    const grouped = await committee.patch(`/api/v1/people/${spare[1]}`, { partyGroupId: groupId });
    expect(grouped.statusCode, grouped.body).toBe(200);
    // The party group meets in October, under the branch it then belongs to.
    beforeMerge = await recordAndSubmit(sourceSecretary, groupId, 'party_group_meeting', '2026-10-15');
    const merged = await committee.post(`/api/v1/orgs/${sourceId}/merge`, { targetId, on: '2026-11-01' });
    expect(merged.statusCode, merged.body).toBe(200);
  });

  it('the group moved under the target; its October meeting still belongs to the merged branch', async () => {
    const group = await committee.get(`/api/v1/orgs/${groupId}`);
    expect(group.json().parentId).toBe(targetId);
    const m = await sourceSecretary.get(`/api/v1/meetings/${beforeMerge.id}`);
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json()).toMatchObject({ orgId: groupId, branchId: sourceId });
  });

  it('lists the moved group under the merged branch for its secretary, with the days it may be recorded for', async () => {
    const res = await sourceSecretary.get('/api/v1/meetings/recordable');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: string; parentId: string | null; formerSpan: unknown }[];
    expect(items.filter((o) => o.id === groupId)).toHaveLength(1);
    const branch = items.findIndex((o) => o.id === sourceId);
    const group = items.findIndex((o) => o.id === groupId);
    expect(items[branch]).toMatchObject({ type: 'branch', dissolvedOn: '2026-11-01', formerSpan: null });
    // Right after the merged branch, under it, for the days it hung there: founding to the merge day.
    expect(group).toBe(branch + 1);
    expect(items[group]).toMatchObject({
      type: 'party_group',
      parentId: sourceId,
      dissolvedOn: null,
      formerSpan: { from: '2026-01-01', until: '2026-11-01' },
    });
    // What the form does with the entry: that day's roster of the group, under the merged branch.
    const roster = await sourceSecretary.get(`/api/v1/meetings/roster?orgId=${groupId}&date=2026-10-28`);
    expect(roster.statusCode, roster.body).toBe(200);
    expect(roster.json().items.map((p: { personId: string }) => p.personId)).toEqual([spare[1]]);
    const afterMerge = await sourceSecretary.get(`/api/v1/meetings/roster?orgId=${groupId}&date=2026-11-05`);
    expect([403, 404]).toContain(afterMerge.statusCode);
  });

  it('lists the group under the branch it hangs in now for that branch’s secretary, once, without a span', async () => {
    const items = (await targetSecretary.get('/api/v1/meetings/recordable')).json().items as {
      id: string;
      parentId: string | null;
      formerSpan: unknown;
    }[];
    const mine = items.filter((o) => o.id === groupId);
    expect(mine).toEqual([expect.objectContaining({ parentId: targetId, formerSpan: null })]);
    expect(items.some((o) => o.id === sourceId)).toBe(false);
  });

  it('takes a late record for the merged branch for a day before the merge, and refuses the merge day', async () => {
    const late = await recordAndSubmit(sourceSecretary, sourceId, 'theme_party_day', '2026-10-20');
    expect(late).toMatchObject({ branchId: sourceId, late: true, status: 'submitted' });
    const onMergeDay = await record(sourceSecretary, sourceId, 'theme_party_day', '2026-11-01');
    expect(onMergeDay.statusCode).toBe(400);
    expect(onMergeDay.json().message).toContain('召开时间');
    expect(onMergeDay.json().message).toContain('合并');
  });

  it('a late group meeting for a day before the merge is the merged branch’s to record, and counts there', async () => {
    // The group now hangs under the target, whose secretary may not file a record of the merged branch.
    const refused = await record(targetSecretary, groupId, 'party_group_meeting', '2026-10-28');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('召开时间');
    expect(refused.json().message).toContain('应由该支部书记补录');
    // The merged branch's secretary records it: it counts for the branch the group belonged to that day.
    const late = await recordAndSubmit(sourceSecretary, groupId, 'party_group_meeting', '2026-10-28');
    expect(late).toMatchObject({ orgId: groupId, branchId: sourceId, late: true });
    expect(late.attendance.map((a) => a.personId)).toEqual([spare[1]]);
    // After the merge the group is the target's.
    const after = await recordAndSubmit(targetSecretary, groupId, 'party_group_meeting', '2026-11-05');
    expect(after).toMatchObject({ branchId: targetId });
    const notYours = await record(sourceSecretary, groupId, 'party_group_meeting', '2026-11-06');
    expect([403, 404]).toContain(notYours.statusCode);
  });

  it('compliance of the quarter counts each record for the branch it belonged to on its date', async () => {
    const body = await q4();
    expect(body.branches.find((b) => b.orgId === sourceId)).toMatchObject({ dissolvedOn: '2026-11-01' });
    // The merged branch: its group owed October under it, and the meetings held before the merge cover it.
    const sourceGroup = itemOf(body, sourceId, 'party_group_meeting');
    expect(sourceGroup).toMatchObject({ expected: 1, due: 1, held: 1, meetings: 2 });
    // Its own 主题党日 of October, recorded late after the merge, counts (as late).
    expect(itemOf(body, sourceId, 'theme_party_day')).toMatchObject({ expected: 1, held: 1, late: 1 });
    // The target: the group owes November and December there; the October meetings are not its.
    const targetGroup = itemOf(body, targetId, 'party_group_meeting');
    expect(targetGroup).toMatchObject({ expected: 2, due: 0, held: 1, meetings: 1 });
  });
});
