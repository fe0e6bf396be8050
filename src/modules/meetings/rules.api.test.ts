/**
 * Issue 9 through the API: the committee and its terms as data, 民主评议 grades with the 优秀 cap and their
 * follow-ups, the member record and the grades ledger, members asking for leave and signing in with the
 * roll call prefilled for the secretary.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createAccountWithRole,
  createTestEnv,
  demoFixtures,
  type TestEnv,
} from '../../../test/harness';
import { dayjs, todayLocal, ZONE } from '../../platform/dates';
import { queryRows } from '../../platform/db';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let general: Client;
let committee: Client;
let member: Client;
interface RosterLine {
  personId: string;
  name: string;
  partyStatus: string;
  exempt: boolean;
  suspended?: boolean;
}
let roster: RosterLine[];

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
});
afterAll(() => env.close());

const daysAgo = (n: number, hour = 9) =>
  dayjs().tz(ZONE).subtract(n, 'day').hour(hour).minute(0).second(0).millisecond(0).format();

describe('the committee as data, with its terms', () => {
  it('GET /orgs/:id/committee?on= gives the posts held that day with their dates', async () => {
    const res = await general.get(`/api/v1/orgs/${fx.branchId}/committee?on=${todayLocal()}`);
    expect(res.statusCode).toBe(200);
    const { posts } = res.json();
    expect(posts.length).toBeGreaterThan(0);
    for (const p of posts) {
      expect(p).toMatchObject({
        personId: expect.any(String),
        name: expect.any(String),
        post: expect.any(String),
        from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      expect(p.from <= todayLocal()).toBe(true);
      expect(p.to === null || p.to > todayLocal()).toBe(true);
    }
    expect(posts.map((p: { post: string }) => p.post)).toContain('secretary');
    // Long before the branch: nobody held a post.
    const past = await general.get(`/api/v1/orgs/${fx.branchId}/committee?on=1990-01-01`);
    expect(past.statusCode).toBe(200);
    expect(past.json().posts).toEqual([]);
    const bad = await general.get(`/api/v1/orgs/${fx.branchId}/committee?on=2026-13-40`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('日期');
  });

  it('GET /terms?orgId= gives each term with its status; the demo has terms due soon and overdue', async () => {
    const mine = await general.get(`/api/v1/terms?orgId=${fx.branchId}`);
    expect(mine.statusCode).toBe(200);
    for (const t of mine.json().items) {
      expect(t).toMatchObject({
        orgId: fx.branchId,
        startedOn: expect.any(String),
        endsOn: expect.any(String),
      });
      expect(['current', 'due_soon', 'overdue']).toContain(t.status);
    }
    const all = (await committee.get('/api/v1/terms')).json().items as { status: string; endsOn: string }[];
    const today = todayLocal();
    const statuses = new Set(all.map((t) => t.status));
    expect(statuses).toContain('due_soon');
    expect(statuses).toContain('overdue');
    for (const t of all) {
      if (t.status === 'overdue') expect(t.endsOn <= today).toBe(true);
      if (t.status === 'due_soon') expect(t.endsOn > today).toBe(true);
    }
    // An overdue election is a red item on the superior's to-do.
    const todo = (await committee.get('/api/v1/todo')).json();
    const lines = (todo.items ?? todo) as { label?: string; title?: string; overdue?: number }[];
    const terms = lines.find((l) => /换届|任期/.test(`${l.label ?? ''}${l.title ?? ''}`));
    expect(terms, JSON.stringify(lines)).toBeDefined();
    expect(terms?.overdue).toBeGreaterThan(0);
    // A member sees no terms of other organizations.
    const refused = await member.get(`/api/v1/terms?orgId=${fx.otherBranchId}`);
    expect([403, 404]).toContain(refused.statusCode);
  });
});

describe('民主评议党员 with grades', () => {
  it('caps 优秀 at a third of the full members graded, grades only full members, and follows up', async () => {
    const full = roster.filter((p) => p.partyStatus === 'full' && !p.suspended);
    const probationary = roster.find((p) => p.partyStatus === 'probationary');
    const cap = Math.floor(full.length / 3);
    const body = (grades: { personId: string; grade: string }[]) => ({
      orgId: fx.branchId,
      kind: 'democratic_review',
      topic: '年度民主评议党员（测试）',
      heldAt: daysAgo(3),
      place: '党员活动室',
      attendance: roster.map((p) => ({ personId: p.personId, status: 'present' })),
      grades,
    });
    const graded = (excellent: number) =>
      full.map((p, i) => ({
        personId: p.personId,
        grade:
          i < excellent
            ? 'excellent'
            : i === full.length - 1
              ? 'unqualified'
              : i === full.length - 2
                ? 'basically_qualified'
                : 'qualified',
      }));

    const over = await secretary.post('/api/v1/meetings', body(graded(cap + 1)));
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toContain(`最多 ${cap} 人`);

    if (probationary) {
      const prob = await secretary.post(
        '/api/v1/meetings',
        body([...graded(cap), { personId: probationary.personId, grade: 'qualified' }]),
      );
      expect(prob.statusCode).toBe(400);
      expect(prob.json().message).toContain('预备党员');
    }

    const created = await secretary.post('/api/v1/meetings', body(graded(cap)));
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json();
    expect(m.grades).toHaveLength(full.length);
    expect(m.grades.filter((g: { grade: string }) => g.grade === 'excellent')).toHaveLength(cap);
    expect((await secretary.post(`/api/v1/meetings/${m.id}/submit`)).statusCode).toBe(200);

    // 基本合格 and 不合格 open follow-ups on the secretary's to-do.
    const followUps = (await secretary.get('/api/v1/meetings/follow-ups')).json().items as {
      personId: string;
      grade: string;
    }[];
    const weak = full.slice(-2).map((p) => p.personId);
    for (const id of weak) expect(followUps.map((f) => f.personId)).toContain(id);
    const todo = (await secretary.get('/api/v1/meetings/todo')).json();
    expect(todo.followUps.length).toBeGreaterThanOrEqual(2);

    // The member's record shows the grade of the year.
    const year = Number(todayLocal().slice(0, 4));
    const last = full[full.length - 1];
    const record = await secretary.get(`/api/v1/meetings/members/${last.personId}`);
    expect(record.statusCode).toBe(200);
    const y = record.json().years.find((r: { year: number }) => r.year === year);
    expect(y.grade).toMatchObject({ grade: 'unqualified', meetingId: m.id });

    // And the grades ledger is a workbook.
    const ledger = await secretary.get(`/api/v1/meetings/grades/export?orgId=${fx.branchId}&year=${year}`);
    expect(ledger.statusCode).toBe(200);
    expect(ledger.headers['content-type']).toContain('spreadsheetml');
    expect(ledger.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('members ask for leave and sign in; the roll call is prefilled', () => {
  it('a member asks for leave, another signs in with the code, the secretary sees both', async () => {
    const start = dayjs().tz(ZONE).hour(14).minute(0).second(0).millisecond(0);
    const plan = await secretary.post('/api/v1/meetings', {
      orgId: fx.branchId,
      kind: 'party_lecture',
      topic: '党课：学习党章（签到测试）',
      heldAt: start.format(),
      place: '党员活动室',
      attendance: [],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const id = plan.json().id;

    const noReason = await member.post(`/api/v1/meetings/${id}/leave`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('请假原因');
    const leave = await member.post(`/api/v1/meetings/${id}/leave`, { reason: '值乘' });
    expect(leave.statusCode, leave.body).toBe(200);

    const withAccount = new Set(
      (
        await queryRows<{ person_id: string }>(
          env.ctx.db,
          sql`select person_id from accounts where person_id is not null`,
        )
      ).map((r) => r.person_id),
    );
    const other = roster.find(
      (p) => p.partyStatus === 'full' && !p.suspended && !withAccount.has(p.personId),
    );
    expect(other).toBeDefined();
    const second = await createAccountWithRole(
      env,
      'rules-second-member',
      'member',
      fx.branchId,
      other!.personId,
    );
    // Four hours before the start: outside the window, a code is needed.
    const early = await second.post(`/api/v1/meetings/${id}/sign-in`);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('签到码');
    const wrong = await second.post(`/api/v1/meetings/${id}/sign-in`, { code: 'abc' });
    expect(wrong.statusCode).toBe(400);
    const code = (await secretary.get(`/api/v1/meetings/${id}/sign-in-code`)).json().code;
    const signed = await second.post(`/api/v1/meetings/${id}/sign-in`, { code });
    expect(signed.statusCode, signed.body).toBe(200);

    const detail = (await secretary.get(`/api/v1/meetings/${id}`)).json();
    const line = (personId: string) =>
      detail.attendance.find((a: { personId: string }) => a.personId === personId);
    expect(line(fx.memberPersonId)).toMatchObject({ status: 'leave', reason: '值乘' });
    expect(line(other!.personId)).toMatchObject({ status: 'present', signedInAt: expect.any(String) });

    // The secretary's roll call starts from them and stays editable: the leave stands, a change is kept.
    const edited = await secretary.patch(`/api/v1/meetings/${id}`, { place: '车站党员活动室' });
    expect(edited.statusCode, edited.body).toBe(200);
    const kept = edited.json().attendance;
    expect(kept.find((a: { personId: string }) => a.personId === fx.memberPersonId)).toMatchObject({
      status: 'leave',
    });
    // Planned: no attendance rate before it happens.
    expect(edited.json().planned).toBe(true);
  });
});

describe('talk coverage of a past year counts the members of that year', () => {
  it('members of the branch at any time in the year, not today’s roll', async () => {
    const year = Number(todayLocal().slice(0, 4)) - 1;
    const [expected] = await queryRows<{ members: number; today: number }>(
      env.ctx.db,
      sql`select
            (select count(distinct pm.person_id)::int from person_memberships pm join people p on p.id = pm.person_id
              where pm.org_id = ${fx.branchId} and pm.valid_from <= ${`${year}-12-31`}
                and (pm.valid_to is null or pm.valid_to > ${`${year}-01-01`})
                and p.joined_party_on <= ${`${year}-12-31`}) as members,
            (select count(*)::int from people p where p.org_id = ${fx.branchId} and p.ended_on is null
              and p.party_status in ('probationary','full')) as today`,
    );
    const past = await general.get(`/api/v1/talks/coverage?orgId=${fx.generalId}&year=${year}`);
    expect(past.statusCode).toBe(200);
    const row = past.json().items.find((i: { orgId: string }) => i.orgId === fx.branchId);
    expect(row.members).toBe(expected.members);
    const now = (await general.get(`/api/v1/talks/coverage?orgId=${fx.generalId}`)).json();
    expect(now.items.find((i: { orgId: string }) => i.orgId === fx.branchId).members).toBe(expected.today);
  });
});
