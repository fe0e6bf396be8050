import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, demoFixtures, type TestEnv } from '../../../test/harness';
import { queryRows } from '../../platform/db';
import { newWorkbook, workbookBuffer } from '../../platform/excel';
import { studyHoursByBranch, studyHoursByPerson } from './api';
import type { ImportJobView, PersonHours } from './contract';

/**
 * The study-hours ledger's sources, as a table of cases (issue 11 §8): a 党课 counted once, a revised
 * 党课 (another date, another roll call), an absent member, a member who moved branches mid-year, an
 * import with a row for an unknown person. Every case is made through the API, as a secretary would.
 */

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let general: Client;
let committee: Client;
let tenantId: string;
let people: { personId: string; name: string; partyStatus: string }[];

const ledger = async (personId: string, year = 2026) => {
  const res = await general.get(`/api/v1/training/hours/${personId}?year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PersonHours;
};
const source = (l: PersonHours, kind: string) => l.sources.find((s) => s.kind === kind)!.hours;

async function lecture(heldOn: string, lines: Record<string, string>, classHours = 2) {
  const res = await secretary.post('/api/v1/meetings', {
    orgId: fx.branchId,
    kind: 'party_lecture',
    topic: `党课：学时台账测试 ${heldOn}`,
    heldAt: `${heldOn}T15:00:00+08:00`,
    place: '党员活动室',
    attendance: Object.entries(lines).map(([personId, status]) => ({ personId, status })),
    classHours,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  expect((await secretary.post(`/api/v1/meetings/${id}/submit`, {})).statusCode).toBe(200);
  return id;
}

async function importFile(rows: (string | number | null)[][], query: string) {
  const wb = newWorkbook();
  const sheet = wb.addWorksheet('学习统计');
  sheet.addRow(['姓名', '公民身份证号', '工号', '学时', '积分']);
  for (const r of rows) sheet.addRow(r);
  const data = await workbookBuffer(wb);
  const boundary = '----ledgerTest';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="学习强国.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await secretary.request('POST', `/api/v1/training/imports?${query}`, body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
  expect(res.statusCode, res.body).toBe(202);
  const jobId = res.json().jobId as string;
  for (let i = 0; i < 100; i++) {
    const job = (await secretary.get(`/api/v1/training/imports/jobs/${jobId}`)).json() as ImportJobView;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not finish');
}

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  general = await env.login('demo-general');
  committee = await env.login('demo-committee');
  [{ tenantId }] = await queryRows<{ tenantId: string }>(
    env.ctx.db,
    sql`select tenant_id as "tenantId" from orgs where id = ${fx.branchId}`,
  );
  const res = await secretary.get(`/api/v1/meetings/roster?orgId=${fx.branchId}&date=2026-10-10`);
  people = (res.json().items as typeof people).filter(
    (p) => p.partyStatus === 'full' || p.partyStatus === 'probationary',
  );
}, 120_000);
afterAll(() => env.close());

describe('the ledger counts organization life from the meetings, once', () => {
  it('a 党课: the present member gets its hours once, the absent member nothing; a revision moves them', async () => {
    const [a, b] = people;
    const before = { a: await ledger(a.personId), b: await ledger(b.personId) };
    const id = await lecture('2026-10-10', { [a.personId]: 'present', [b.personId]: 'absent' }, 2.5);
    const after = { a: await ledger(a.personId), b: await ledger(b.personId) };
    const cases = [
      ['present member', source(after.a, 'meeting') - source(before.a, 'meeting'), 2.5],
      ['absent member', source(after.b, 'meeting') - source(before.b, 'meeting'), 0],
      [
        'entries of the meeting for the present member',
        after.a.entries.filter((e) => e.link === `/meetings/${id}`).length,
        1,
      ],
      ['total follows the source', after.a.hours - before.a.hours, 2.5],
    ] as const;
    for (const [what, got, want] of cases) expect(got, what).toBeCloseTo(want, 5);

    // Revised roll call: the absent member was in fact present, the present one absent.
    const rollCall = await secretary.patch(`/api/v1/meetings/${id}`, {
      attendance: [
        { personId: a.personId, status: 'absent' },
        { personId: b.personId, status: 'present' },
      ],
      reason: '核对签到表，更正出勤',
    });
    expect(rollCall.statusCode, rollCall.body).toBe(200);
    const revised = { a: await ledger(a.personId), b: await ledger(b.personId) };
    expect(source(revised.a, 'meeting')).toBeCloseTo(source(before.a, 'meeting'), 5);
    expect(source(revised.b, 'meeting') - source(before.b, 'meeting')).toBeCloseTo(2.5, 5);

    // Revised date: held in December of the year before, it leaves this year's ledger for that one.
    const redated = await secretary.patch(`/api/v1/meetings/${id}`, {
      heldAt: '2025-12-20T15:00:00+08:00',
      reason: '更正召开日期',
    });
    expect(redated.statusCode, redated.body).toBe(200);
    expect(source(await ledger(b.personId), 'meeting')).toBeCloseTo(source(before.b, 'meeting'), 5);
    const lastYear = await ledger(b.personId, 2025);
    expect(lastYear.entries.filter((e) => e.link === `/meetings/${id}`)).toHaveLength(1);
  });
});

describe("the committee's ledger of the whole section", () => {
  // The whole section's sources are kept between reads while nothing changes (src/platform/data-versions.ts):
  // every change below must show in the very next read.
  const line = async (personId: string, name: string) => {
    const res = await committee.get(
      `/api/v1/training/hours?year=2026&q=${encodeURIComponent(name)}&pageSize=100`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const item = (
      res.json().items as { personId: string; hours: number; sources: { kind: string; hours: number }[] }[]
    ).find((i) => i.personId === personId)!;
    expect(item, name).toBeTruthy();
    return { hours: item.hours, of: (kind: string) => item.sources.find((s) => s.kind === kind)!.hours };
  };

  it('follows a meeting recorded and revised, and a class attended, in the next read', async () => {
    const p = people[4];
    const before = await line(p.personId, p.name);
    expect((await line(p.personId, p.name)).hours, 'read again, nothing changed').toBe(before.hours);

    const id = await lecture('2026-09-12', { [p.personId]: 'present' }, 1.5);
    const recorded = await line(p.personId, p.name);
    const revised = await secretary.patch(`/api/v1/meetings/${id}`, {
      attendance: [{ personId: p.personId, status: 'leave' }],
      reason: '核对签到表，该同志请假',
    });
    expect(revised.statusCode, revised.body).toBe(200);
    const afterRevision = await line(p.personId, p.name);

    const made = await secretary.post('/api/v1/training/classes', {
      orgId: fx.branchId,
      title: '全段台账测试班',
      startsOn: '2026-11-02',
      endsOn: '2026-11-03',
      hours: 3,
      participantOrgIds: [fx.branchId],
    });
    expect(made.statusCode, made.body).toBe(201);
    const attended = await secretary.post(`/api/v1/training/classes/${made.json().id}/attendance`, {
      items: [{ personId: p.personId, status: 'present' }],
    });
    expect(attended.statusCode, attended.body).toBe(200);
    const afterClass = await line(p.personId, p.name);

    const cases = [
      ['meeting hours after the 党课', recorded.of('meeting') - before.of('meeting'), 1.5],
      [
        'meeting hours after the roll call was revised',
        afterRevision.of('meeting') - before.of('meeting'),
        0,
      ],
      ['class hours after the class', afterClass.of('class') - before.of('class'), 3],
      ['total after all of it', afterClass.hours - before.hours, 3],
    ] as const;
    for (const [what, got, want] of cases) expect(got, what).toBeCloseTo(want, 5);
  });
});

describe('a 党课 returned by the reviewer', () => {
  it('still counts as held; the corrected record the secretary sends again is what the ledger shows', async () => {
    const [, , c, d] = people;
    const before = {
      c: source(await ledger(c.personId), 'meeting'),
      d: source(await ledger(d.personId), 'meeting'),
    };
    const id = await lecture('2026-09-18', { [c.personId]: 'present', [d.personId]: 'leave' }, 1.5);
    const returned = await general.post(`/api/v1/meetings/${id}/review`, {
      decision: 'return',
      comment: '出勤登记有误，请核对',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const cases: [string, number, number][] = [];
    const atReturn = {
      c: source(await ledger(c.personId), 'meeting'),
      d: source(await ledger(d.personId), 'meeting'),
    };
    cases.push(['returned: the present member keeps it', atReturn.c - before.c, 1.5]);
    cases.push(['returned: the member on leave gets nothing', atReturn.d - before.d, 0]);
    const fixed = await secretary.patch(`/api/v1/meetings/${id}`, {
      attendance: [
        { personId: c.personId, status: 'present' },
        { personId: d.personId, status: 'present' },
      ],
      classHours: 2,
      reason: '按审核意见更正出勤和学时',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const after = { c: await ledger(c.personId), d: await ledger(d.personId) };
    cases.push(['corrected: the new hours', source(after.c, 'meeting') - before.c, 2]);
    cases.push(['corrected: now present', source(after.d, 'meeting') - before.d, 2]);
    cases.push(['still one entry', after.d.entries.filter((e) => e.link === `/meetings/${id}`).length, 1]);
    for (const [what, got, want] of cases) expect(got, what).toBeCloseTo(want, 5);
  });
});

describe('a member who moved branches mid-year', () => {
  it('brings every hour of the year; the statistics keep each hour with the branch of its day', async () => {
    const mover = people
      .filter((p) => p.personId !== fx.memberPersonId && p.personId !== fx.secretaryPersonId)
      .at(-1)!;
    const made = await secretary.post('/api/v1/training/classes', {
      orgId: fx.branchId,
      title: '调动前参加的培训',
      startsOn: '2026-04-10',
      endsOn: '2026-04-10',
      hours: 3,
      place: '支部学习室',
      participantOrgIds: [],
      participantPersonIds: [mover.personId],
    });
    expect(made.statusCode, made.body).toBe(201);
    const classId = made.json().id as string;
    const att = await secretary.post(`/api/v1/training/classes/${classId}/attendance`, {
      items: [{ personId: mover.personId, status: 'present' }],
    });
    expect(att.statusCode, att.body).toBe(200);
    const statsBefore = (await general.get('/api/v1/training/stats?year=2026')).json();
    const moved = await general.post(`/api/v1/people/${mover.personId}/transfer`, {
      orgId: fx.otherBranchId,
      on: '2026-06-01',
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const l = await ledger(mover.personId);
    expect(l.person.orgId).toBe(fx.otherBranchId);
    const entry = l.entries.find((e) => e.link === `/training/classes/${classId}`)!;
    expect(entry.hours).toBe(3);
    // The entry names the branch the member was in on the class's day.
    const [{ name }] = await queryRows<{ name: string }>(
      env.ctx.db,
      sql`select name from orgs where id = ${fx.branchId}`,
    );
    expect(entry.orgName).toBe(name);

    // The other branch's ledger now lists the member with the class's hours.
    const list = (
      await general.get(`/api/v1/training/hours?orgId=${fx.otherBranchId}&year=2026&pageSize=200`)
    ).json();
    const row = list.items.find((i: { personId: string }) => i.personId === mover.personId);
    expect(row.sources.find((s: { kind: string }) => s.kind === 'class').hours).toBeGreaterThanOrEqual(3);
    // …while the statistics keep each hour with the branch of its day: the class (April) stays with the
    // demo branch, what the member earned from June on (content, imports) now counts for the other branch.
    const statsAfter = (await general.get('/api/v1/training/stats?year=2026')).json();
    const rowOf = (s: { children: { orgId: string; hours: number; members: number }[] }, id: string) =>
      s.children.find((c) => c.orgId === id)!;
    const movedHours = l.entries
      .filter((e) => e.kind !== 'meeting' && e.on >= '2026-06-01')
      .reduce((sum, e) => sum + e.hours, 0);
    expect(rowOf(statsAfter, fx.branchId).hours).toBeCloseTo(
      rowOf(statsBefore, fx.branchId).hours - movedHours,
      5,
    );
    expect(rowOf(statsAfter, fx.otherBranchId).hours).toBeCloseTo(
      rowOf(statsBefore, fx.otherBranchId).hours + movedHours,
      5,
    );
    expect(rowOf(statsAfter, fx.otherBranchId).members).toBe(
      rowOf(statsBefore, fx.otherBranchId).members + 1,
    );

    // api.ts for assessment: the person in the other branch now, with the same hours.
    const [{ path }] = await queryRows<{ path: string }>(
      env.ctx.db,
      sql`select path from orgs where id = ${fx.otherBranchId}`,
    );
    const byPerson = await studyHoursByPerson(env.ctx.db, tenantId, { year: 2026, orgPaths: [path] });
    expect(byPerson.find((p) => p.personId === mover.personId)?.hours).toBe(l.hours);
    const [branch] = await studyHoursByBranch(env.ctx.db, tenantId, { year: 2026, orgPaths: [path] });
    expect(branch.orgId).toBe(fx.otherBranchId);
    expect(branch.members).toBe(byPerson.length);
  });
});

describe('imports of outside statistics', () => {
  it('refuses a whole file for an unknown person, then imports, then refuses the same period again', async () => {
    const [a] = people;
    const [{ employee_no }] = await queryRows<{ employee_no: string }>(
      env.ctx.db,
      sql`select employee_no from people where id = ${a.personId}`,
    );
    const q = 'source=xuexi&unit=points&periodFrom=2026-10-01&periodTo=2026-10-31';
    const before = source(await ledger(a.personId), 'import');

    const bad = await importFile(
      [
        [a.name, null, employee_no, null, 450],
        ['查无此人', null, 'HLR999999', null, 300],
      ],
      q,
    );
    const cases = [
      ['status', bad.status, 'failed'],
      ['one error', bad.errors.length, 1],
      ['on the unknown row', bad.errors[0]?.row, 3],
      ['naming the column', bad.errors[0]?.column, '工号'],
      ['nothing written', source(await ledger(a.personId), 'import'), before],
    ] as const;
    for (const [what, got, want] of cases) expect(got, what).toEqual(want);
    expect(bad.errors[0].message).toContain('HLR999999');

    const good = await importFile([[a.name, null, employee_no, null, 450]], q);
    expect(good.status, JSON.stringify(good.errors)).toBe('done');
    expect(good.created).toBe(1);
    expect(source(await ledger(a.personId), 'import') - before).toBeCloseTo(4.5, 5);

    const again = await importFile(
      [[a.name, null, employee_no, null, 100]],
      'source=xuexi&unit=points&periodFrom=2026-10-15&periodTo=2026-11-15',
    );
    expect(again.status).toBe('failed');
    expect(again.errors[0].message).toContain('期间重叠');

    // The yearly cap (a setting) applies to the ledger, never to what was imported.
    const capped = await committee.patch('/api/v1/training/settings', { importCapHours: 1 });
    expect(capped.statusCode, capped.body).toBe(200);
    const l = await ledger(a.personId);
    expect(source(l, 'import')).toBe(1);
    expect(l.importCapped).toBe(true);
    await committee.patch('/api/v1/training/settings', { importCapHours: null });
  });

  it('names the field of a bad period', async () => {
    const res = await secretary.request(
      'POST',
      '/api/v1/training/imports?source=xuexi&unit=hours&periodFrom=2026-09-01&periodTo=2026-08-01',
      {},
    );
    expect(res.statusCode).toBe(400);
  });
});

describe('who sees which ledger', () => {
  it('a member sees their own line only; a secretary their branch; nobody another branch', async () => {
    const member = await env.login('demo-member');
    const mine = (await member.get('/api/v1/training/hours')).json();
    expect(mine.items.map((i: { personId: string }) => i.personId)).toEqual([fx.memberPersonId]);
    expect((await member.get(`/api/v1/training/hours/${fx.secretaryPersonId}`)).statusCode).toBe(404);
    const branch = (await secretary.get(`/api/v1/training/hours?orgId=${fx.branchId}&pageSize=200`)).json();
    expect(branch.total).toBeGreaterThan(5);
    expect((await secretary.get(`/api/v1/training/hours?orgId=${fx.otherBranchId}`)).statusCode).toBe(404);
    const counts = branch.counts;
    expect(counts.done + counts.on_track + counts.behind + counts.exempt).toBe(branch.total);
  });
});
