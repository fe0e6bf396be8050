import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, demoFixtures, type TestEnv } from '../../../test/harness';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { readSettings } from '../../platform/settings';
import { addDays } from './rules-periods';
import { meetingSettingsSpec } from './settings';

/**
 * What the meetings manifest gives the platform: abilities in `GET /me`, the lines of `GET /todo`, the
 * settings section, the organizations a secretary records for, and field titles in validation messages.
 */
let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
const as: Record<string, Client> = {};

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  for (const u of ['demo-committee', 'demo-general', 'demo-secretary', 'demo-member', 'demo-sysadmin'])
    as[u] = await env.login(u);
});
afterAll(() => env.close());

const abilities = async (u: string) => {
  const all = (await as[u].get('/api/v1/me')).json().abilities as Record<string, boolean>;
  return Object.fromEntries(
    Object.entries(all)
      .filter(([k]) => k.startsWith('meetings.'))
      .map(([k, v]) => [k.slice('meetings.'.length), v]),
  );
};

describe('abilities in GET /me', () => {
  it('tell each demo role what the meetings pages may offer', async () => {
    expect(await abilities('demo-secretary')).toEqual({
      read: true,
      record: true,
      review: false,
      compliance: true,
      export: true,
      settings: false,
    });
    expect(await abilities('demo-general')).toMatchObject({ record: false, review: true, settings: false });
    expect(await abilities('demo-committee')).toMatchObject({ record: false, review: true, settings: true });
    expect(await abilities('demo-member')).toEqual({
      read: true,
      record: false,
      review: false,
      compliance: false,
      export: false,
      settings: false,
    });
    expect(Object.values(await abilities('demo-sysadmin')).some(Boolean)).toBe(false);
  });

  it('record means the server offers branches to record for', async () => {
    const mine = (await as['demo-secretary'].get('/api/v1/meetings/recordable')).json().items;
    expect(mine[0]).toMatchObject({ id: fx.branchId, type: 'branch' });
    expect(
      mine.every((o: { id: string; parentId: string }) => o.id === fx.branchId || o.parentId === fx.branchId),
    ).toBe(true);
    const none = await as['demo-general'].get('/api/v1/meetings/recordable');
    expect(none.statusCode).toBe(200);
    expect(none.json().items).toEqual([]);
  });
});

describe('the to-do', () => {
  it('GET /todo carries the lines the meetings to-do computes, with links', async () => {
    const mine = (await as['demo-secretary'].get('/api/v1/meetings/todo')).json();
    const lines = (await as['demo-secretary'].get('/api/v1/todo'))
      .json()
      .items.filter((i: { module: string }) => i.module === 'meetings');
    const due = mine.branches.flatMap((b: { due: { overdue: boolean }[] }) => b.due);
    const byKey = Object.fromEntries(lines.map((l: { key: string }) => [l.key, l]));
    if (due.length)
      expect(byKey.due).toMatchObject({
        label: '应开展的组织生活',
        count: due.length,
        overdue: due.filter((d: { overdue: boolean }) => d.overdue).length,
        link: '/meetings',
      });
    if (mine.drafts.length)
      expect(byKey.drafts).toMatchObject({
        label: '未提交的草稿',
        count: mine.drafts.length,
        link: '/meetings',
      });
    expect(byKey.review).toBeUndefined();

    const queue = (await as['demo-general'].get('/api/v1/meetings/review-queue')).json().total;
    const general = (await as['demo-general'].get('/api/v1/todo')).json().items;
    if (queue)
      expect(general).toContainEqual(
        expect.objectContaining({
          module: 'meetings',
          key: 'review',
          count: queue,
          link: '/meetings/review',
        }),
      );
  });
});

describe('settings', () => {
  it('write only the meetings section of the tenant settings, read back with defaults', async () => {
    const [{ tenant_id }] = await queryRows<{ tenant_id: string }>(
      env.ctx.db,
      sql`select tenant_id from accounts where username = 'demo-committee'`,
    );
    const others = async () => {
      const [{ settings }] = await queryRows<{ settings: Record<string, unknown> | null }>(
        env.ctx.db,
        sql`select settings from tenants where id = ${tenant_id}`,
      );
      const { meetings: _mine, ...rest } = settings ?? {};
      return rest;
    };
    const before = await others();
    const res = await as['demo-committee'].patch('/api/v1/meetings/settings', { silentAfterDays: 45 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ silentAfterDays: 45, lateAfterDays: 7, rulesets: expect.any(Array) });
    expect((await readSettings(env.ctx.db, tenant_id, meetingSettingsSpec)).silentAfterDays).toBe(45);
    expect(await others()).toEqual(before);
    await as['demo-committee'].patch('/api/v1/meetings/settings', { silentAfterDays: 30 });
  });
});

describe('field titles in validation messages', () => {
  it('name nested request fields and query parameters by their Chinese titles', async () => {
    const bad = await as['demo-secretary'].post('/api/v1/meetings', {
      orgId: fx.branchId,
      kind: 'branch_general_meeting',
      topic: '标题测试',
      heldAt: `${addDays(todayLocal(), -1)}T09:00:00+08:00`,
      place: '会议室',
      attendance: [{ personId: fx.memberPersonId, status: 'late' }],
      votes: [{ subject: '表决', type: 'decision', yes: -1, no: 0, abstain: 0 }],
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().fields;
    expect(fields['attendance.0.status']).toContain('出勤状态');
    expect(fields['votes.0.yes']).toContain('赞成票');
    const query = await as['demo-secretary'].get('/api/v1/meetings?late=maybe');
    expect(query.statusCode).toBe(400);
    expect(query.json().fields.late).toContain('是否补录');
    const id = await as['demo-secretary'].get('/api/v1/meetings/not-a-uuid');
    expect(id.json().fields.id).toContain('会议记录');
  });
});

describe('removing an attachment of a draft', () => {
  it('answers 204 and the record no longer lists it', async () => {
    const secretary = as['demo-secretary'];
    const created = await secretary.post('/api/v1/meetings', {
      orgId: fx.branchId,
      kind: 'theme_party_day',
      topic: '附件删除测试',
      heldAt: `${addDays(todayLocal(), -1)}T09:00:00+08:00`,
      place: '会议室',
      attendance: [],
    });
    const m = created.json();
    const boundary = '----manifestTest';
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x01]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await secretary.request('POST', `/api/v1/meetings/${m.id}/attachments`, body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(up.statusCode).toBe(201);
    const removed = await secretary.delete(`/api/v1/meetings/${m.id}/attachments/${up.json().id}`);
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expect((await secretary.get(`/api/v1/meetings/${m.id}`)).json().attachments).toEqual([]);
  });
});
