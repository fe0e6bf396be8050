import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, demoFixtures, type TestEnv } from '../../../test/harness';
import { queryRows } from '../../platform/db';
import { meetingStudyHours, meetingStudyHoursTotals } from './api';

/**
 * The 学时 organization life credits to members (training's ledger, issue 11 §5), as a table of cases:
 * what a member present at a counted record gets, and how revisions, returns and moves change it.
 */

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let general: Client;
let tenantId: string;
let people: { personId: string; name: string; partyStatus: string }[];
const YEAR = { from: '2026-01-01', to: '2026-12-31' };

async function lecture(heldOn: string, lines: Record<string, string>, extra: Record<string, unknown> = {}) {
  const res = await secretary.post('/api/v1/meetings', {
    orgId: fx.branchId,
    kind: 'party_lecture',
    topic: '党课：学时测试',
    heldAt: `${heldOn}T15:00:00+08:00`,
    place: '党员活动室',
    attendance: Object.entries(lines).map(([personId, status]) => ({ personId, status })),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; classHours: number };
}
const submit = async (id: string) =>
  expect((await secretary.post(`/api/v1/meetings/${id}/submit`, {})).statusCode).toBe(200);
const rowsOf = async (meetingId: string, f = YEAR) =>
  (await meetingStudyHours(env.ctx.db, tenantId, f)).filter((r) => r.meetingId === meetingId);

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  general = await env.login('demo-general');
  [{ tenantId }] = await queryRows<{ tenantId: string }>(
    env.ctx.db,
    sql`select tenant_id as "tenantId" from orgs where id = ${fx.branchId}`,
  );
  const res = await secretary.get(`/api/v1/meetings/roster?orgId=${fx.branchId}&date=2026-09-15`);
  people = res.json().items;
});
afterAll(() => env.close());

describe('class hours of a meeting', () => {
  it('defaults per kind from the settings, accepts half hours and refuses more than 24 or odd steps', async () => {
    const [a] = people;
    const m = await lecture('2026-09-01', { [a.personId]: 'present' });
    expect(m.classHours).toBe(2);
    const half = await lecture('2026-09-02', { [a.personId]: 'present' }, { classHours: 1.5 });
    expect(half.classHours).toBe(1.5);
    for (const bad of [25, -1, 0.3]) {
      const res = await secretary.post('/api/v1/meetings', {
        orgId: fx.branchId,
        kind: 'party_lecture',
        topic: '党课',
        heldAt: '2026-09-03T15:00:00+08:00',
        place: '党员活动室',
        attendance: [],
        classHours: bad,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields.classHours).toContain('学时');
    }
  });
});

describe('the study-hours rows of organization life', () => {
  it('a 党课 counts once for each member present, nothing for the absent, on leave or 补学, nothing as a draft', async () => {
    const [a, b, c] = people;
    const m = await lecture('2026-09-15', {
      [a.personId]: 'present',
      [b.personId]: 'absent',
      [c.personId]: 'leave',
    });
    await secretary.patch(`/api/v1/meetings/${m.id}`, {
      attendance: [
        { personId: a.personId, status: 'present' },
        { personId: b.personId, status: 'absent', makeUpOn: '2026-09-20', makeUpHow: '自学会议材料' },
        { personId: c.personId, status: 'leave', reason: '倒班' },
      ],
    });
    expect(await rowsOf(m.id)).toEqual([]);
    await submit(m.id);
    // Names left out of a 党课's roll call are recorded absent: only the one present gets hours.
    const rows = await rowsOf(m.id);
    expect(rows).toHaveLength(1);
    expect(rows.filter((r) => r.personId === a.personId)).toEqual([
      {
        personId: a.personId,
        meetingId: m.id,
        heldOn: '2026-09-15',
        kind: 'party_lecture',
        title: '党课：学时测试',
        orgId: fx.branchId,
        branchId: fx.branchId,
        hours: 2,
      },
    ]);
    expect(rows.some((r) => r.personId === b.personId || r.personId === c.personId)).toBe(false);
  });

  it('a revised 党课 follows its new day, roll call and hours; a returned one still counts', async () => {
    const [a, b] = people;
    const m = await lecture('2026-10-12', { [a.personId]: 'present', [b.personId]: 'absent' });
    await submit(m.id);
    expect((await rowsOf(m.id)).map((r) => r.heldOn)).toContain('2026-10-12');
    const revised = await secretary.patch(`/api/v1/meetings/${m.id}`, {
      heldAt: '2026-10-14T15:00:00+08:00',
      attendance: [
        { personId: a.personId, status: 'absent' },
        { personId: b.personId, status: 'present' },
      ],
      classHours: 3,
      reason: '按签到表更正日期和出勤',
    });
    expect(revised.statusCode, revised.body).toBe(200);
    const rows = await rowsOf(m.id);
    expect(new Set(rows.map((r) => r.heldOn))).toEqual(new Set(['2026-10-14']));
    expect(rows.some((r) => r.personId === a.personId)).toBe(false);
    expect(rows.find((r) => r.personId === b.personId)?.hours).toBe(3);
    expect(await rowsOf(m.id, { from: '2026-10-13', to: '2026-10-13' })).toEqual([]);

    const returned = await general.post(`/api/v1/meetings/${m.id}/review`, {
      decision: 'return',
      comment: '请补充授课提纲',
    });
    expect(returned.statusCode).toBe(200);
    expect((await rowsOf(m.id)).length).toBe(rows.length);
  });

  it('no hours for a meeting of 0 class hours or a cancelled plan', async () => {
    const [a] = people;
    const zero = await lecture('2026-08-20', { [a.personId]: 'present' }, { classHours: 0 });
    await submit(zero.id);
    expect(await rowsOf(zero.id)).toEqual([]);
  });

  it('a record older than the field takes its kind default of the settings', async () => {
    const [a] = people;
    const m = await lecture('2026-08-25', { [a.personId]: 'present' });
    await submit(m.id);
    await env.ctx.db.execute(sql`update meetings set class_hours = null where id = ${m.id}`);
    expect((await rowsOf(m.id))[0].hours).toBe(2);
    const committee = await env.login('demo-committee');
    const changed = await committee.patch('/api/v1/meetings/settings', {
      classHoursByKind: { party_lecture: 2.5 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().classHoursByKind).toMatchObject({ party_lecture: 2.5, theme_party_day: 2 });
    expect((await rowsOf(m.id))[0].hours).toBe(2.5);
    expect((await secretary.get(`/api/v1/meetings/${m.id}`)).json().classHours).toBe(2.5);
  });

  it('a member who moved branches mid-year keeps the hours of both; orgPaths selects where it was held', async () => {
    // A member of another branch present at a counted meeting with hours in the first half of the year.
    const [moved] = await queryRows<{ person_id: string; meeting_id: string }>(
      env.ctx.db,
      sql`select e->>'personId' as person_id, m.id as meeting_id from meetings m
            cross join lateral jsonb_array_elements(m.attendance) e
          join people p on p.id = (e->>'personId')::uuid
          where m.branch_id = ${fx.otherBranchId} and m.status in ('submitted','approved','returned')
            and m.held_on between '2026-03-01' and '2026-06-30' and m.kind = 'theme_party_day'
            and e->>'status' = 'present' and p.org_id = ${fx.otherBranchId} and p.party_status = 'full'
          order by m.held_on limit 1`,
    );
    const res = await general.post(`/api/v1/people/${moved.person_id}/transfer`, {
      orgId: fx.branchId,
      on: '2026-07-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    const m = await lecture('2026-09-10', { [moved.person_id]: 'present' });
    await submit(m.id);
    const mine = await meetingStudyHours(env.ctx.db, tenantId, { ...YEAR, personIds: [moved.person_id] });
    expect(mine.some((r) => r.meetingId === moved.meeting_id && r.branchId === fx.otherBranchId)).toBe(true);
    expect(mine.some((r) => r.meetingId === m.id && r.branchId === fx.branchId)).toBe(true);
    const [{ path }] = await queryRows<{ path: string }>(
      env.ctx.db,
      sql`select path from orgs where id = ${fx.branchId}`,
    );
    const here = await meetingStudyHours(env.ctx.db, tenantId, {
      ...YEAR,
      personIds: [moved.person_id],
      orgPaths: [path],
    });
    expect(here.every((r) => r.branchId === fx.branchId)).toBe(true);
    expect(here.some((r) => r.meetingId === m.id)).toBe(true);
    const [total] = await meetingStudyHoursTotals(env.ctx.db, tenantId, {
      ...YEAR,
      personIds: [moved.person_id],
    });
    expect(total).toEqual({
      personId: moved.person_id,
      hours: mine.reduce((s, r) => s + r.hours, 0),
      meetings: mine.length,
    });
    expect(await meetingStudyHours(env.ctx.db, tenantId, { ...YEAR, personIds: [] })).toEqual([]);
  });
});
