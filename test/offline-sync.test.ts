import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db';
import { purgeIdempotencyKeys } from '../src/platform/idempotency';
import { dayjs, ZONE } from '../src/web/format';
import { type Client, createTestEnv, demoFixtures, newPerson, type TestEnv } from './harness';

/**
 * Drafts typed on a phone and sent when the signal returns (issue 10 §2, §5): the same draft sent twice
 * — the answer lost on the way back, the phone resending — creates one record; the time the draft was
 * begun is kept beside the server's recording time; an edit based on an old version is refused with the
 * record as it now is.
 */
let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let general: Client;
let worker: string;

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  general = await env.login('demo-general');
  worker = await newPerson(env, { orgId: fx.branchId, partyStatus: 'activist' });
}, 120_000);
afterAll(() => env.close());

let n = 0;
const newKey = () => `draft-${Date.now()}-${++n}-0123456789abcdef`;
const keyed = (client: Client, method: string, url: string, body: unknown, key: string, extra = {}) =>
  client.request(method, url, body, { 'idempotency-key': key, ...extra });
const count = async (table: 'violations' | 'talks' | 'meetings', column: string, value: string) =>
  (
    await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${value}`,
    )
  )[0].n;

const violation = (description: string, extra: Record<string, unknown> = {}) => ({
  personId: worker,
  kind: 'rule_breach',
  occurredOn: dayjs().tz(ZONE).subtract(1, 'day').format('YYYY-MM-DD'),
  category: 'shunting',
  description,
  ...extra,
});

describe('the same draft sent twice', () => {
  it('creates one violation, answers the second time as the first, and keeps when it was drafted', async () => {
    const key = newKey();
    const draftedAt = dayjs().subtract(3, 'hour').tz(ZONE).format();
    const body = violation('调车作业未执行要道还道（离线草稿）', { draftedAt });
    const first = await keyed(secretary, 'POST', '/api/v1/violations', body, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await keyed(secretary, 'POST', '/api/v1/violations', body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await count('violations', 'description', body.description)).toBe(1);
    const [row] = await queryRows<{ drafted_at: Date; recorded_at: Date }>(
      env.ctx.db,
      sql`select drafted_at, recorded_at from violations where id = ${first.json().id}`,
    );
    expect(new Date(row.drafted_at).getTime()).toBe(new Date(draftedAt).getTime());
    // The recording time is the server's: when it received the record, not when it was drafted.
    expect(Math.abs(new Date(row.recorded_at).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('creates one talk (one obligation closed) and keeps no readable copy of its contents', async () => {
    const v = (await secretary.post('/api/v1/violations', violation('未按规定确认信号'))).json();
    const summary = '离线记录的谈话：本人认识到错误，表示今后严格执行作业标准。';
    const body = {
      personId: worker,
      heldOn: dayjs().tz(ZONE).format('YYYY-MM-DD'),
      kind: 'violation_followup',
      summary,
      violationId: v.id,
      draftedAt: dayjs().subtract(1, 'hour').format(),
    };
    const key = newKey();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await keyed(secretary, 'POST', '/api/v1/talks', body, key));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await count('talks', 'violation_id', v.id)).toBe(1);
    const [row] = await queryRows<{ drafted_at: Date | null }>(
      env.ctx.db,
      sql`select drafted_at from talks where id = ${answers[0].json().id}`,
    );
    expect(row.drafted_at).not.toBeNull();
    // The kept answer holds the talk's contents: sealed under the client's key, which is not stored.
    const kept = await queryRows<{ key_hash: string; answer_cipher: string }>(
      env.ctx.db,
      sql`select key_hash, answer_cipher from idempotency_keys where path = '/api/v1/talks'`,
    );
    expect(kept.length).toBeGreaterThan(0);
    for (const k of kept) {
      expect(k.answer_cipher).not.toContain('离线');
      expect(k.key_hash).not.toContain(key);
      expect(Buffer.from(k.answer_cipher.split(':')[2], 'base64').toString('utf8')).not.toContain('谈话');
    }
  });

  it('creates one meeting record', async () => {
    const roster = (await secretary.get(`/api/v1/meetings/roster?orgId=${fx.branchId}`)).json();
    const topic = `离线记录的主题党日 ${n}`;
    const body = {
      orgId: fx.branchId,
      kind: 'theme_party_day',
      topic,
      heldAt: dayjs().tz(ZONE).subtract(1, 'day').hour(9).minute(0).second(0).format(),
      place: '车站会议室',
      attendance: roster.items.map((p: { personId: string }) => ({
        personId: p.personId,
        status: 'present',
      })),
      draftedAt: dayjs().subtract(20, 'hour').format(),
    };
    const key = newKey();
    const first = await keyed(secretary, 'POST', '/api/v1/meetings', body, key);
    expect(first.statusCode, first.body).toBe(201);
    const second = await keyed(secretary, 'POST', '/api/v1/meetings', body, key);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(await count('meetings', 'topic', topic)).toBe(1);
  });

  it('two sends at the same moment still make one record', async () => {
    const key = newKey();
    const body = violation('同时发送两次的草稿');
    const answers = await Promise.all([
      keyed(secretary, 'POST', '/api/v1/violations', body, key),
      keyed(secretary, 'POST', '/api/v1/violations', body, key),
    ]);
    for (const a of answers) expect([201, 409]).toContain(a.statusCode);
    expect(answers.some((a) => a.statusCode === 201)).toBe(true);
    const busy = answers.find((a) => a.statusCode === 409);
    if (busy) expect(busy.json().code).toBe('idempotency_in_progress');
    expect(await count('violations', 'description', body.description)).toBe(1);
    // Once the first is answered, a resend gets its answer.
    const later = await keyed(secretary, 'POST', '/api/v1/violations', body, key);
    expect(later.statusCode).toBe(201);
    expect(await count('violations', 'description', body.description)).toBe(1);
  });
});

describe('idempotency keys', () => {
  it('refuse the same key for another request, and malformed keys', async () => {
    const key = newKey();
    const a = await keyed(secretary, 'POST', '/api/v1/violations', violation('第一份'), key);
    expect(a.statusCode).toBe(201);
    const b = await keyed(secretary, 'POST', '/api/v1/violations', violation('另一份'), key);
    expect(b.statusCode).toBe(422);
    expect(b.json().code).toBe('idempotency_key_reused');
    expect(await count('violations', 'description', '另一份')).toBe(0);
    const bad = await keyed(secretary, 'POST', '/api/v1/violations', violation('短键'), 'abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('幂等键');
  });

  it('are freed by a refusal: the corrected draft goes through under the same key', async () => {
    const key = newKey();
    const wrong = await keyed(
      secretary,
      'POST',
      '/api/v1/violations',
      violation('类别写错的草稿', { category: 'no_such_category' }),
      key,
    );
    expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrong.statusCode).toBeLessThan(500);
    const fixed = await keyed(secretary, 'POST', '/api/v1/violations', violation('类别写错的草稿'), key);
    expect(fixed.statusCode).toBe(201);
    expect(await count('violations', 'description', '类别写错的草稿')).toBe(1);
  });

  it('belong to one account: another account with the same key gets its own answer', async () => {
    const key = newKey();
    const mine = await keyed(secretary, 'POST', '/api/v1/violations', violation('书记的记录'), key);
    expect(mine.statusCode).toBe(201);
    const theirs = await keyed(general, 'POST', '/api/v1/violations', violation('总支的记录'), key);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.json().id);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('expire after their time', async () => {
    const later = new Date(Date.now() + 31 * 86_400_000);
    expect(await purgeIdempotencyKeys(env.ctx.db, later)).toBeGreaterThan(0);
    const [left] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from idempotency_keys`,
    );
    expect(left.n).toBe(0);
  });

  it('take a drafted time ahead of the server clock (a phone set wrong) as the time of receipt', async () => {
    const description = '手机时钟快了两周的草稿';
    const res = await secretary.post(
      '/api/v1/violations',
      violation(description, { draftedAt: dayjs().add(14, 'day').format() }),
    );
    expect(res.statusCode).toBe(201);
    const [row] = await queryRows<{ drafted_at: Date; recorded_at: Date }>(
      env.ctx.db,
      sql`select drafted_at, recorded_at from violations where id = ${res.json().id}`,
    );
    expect(new Date(row.drafted_at).getTime()).toBeLessThanOrEqual(
      new Date(row.recorded_at).getTime() + 1000,
    );
    const bad = await secretary.post('/api/v1/violations', violation('时间格式错误', { draftedAt: '昨天' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('草稿开始时间');
  });
});

describe('an edit based on an older version', () => {
  it('is refused with the record as it now is, and goes through when based on the current one', async () => {
    const roster = (await secretary.get(`/api/v1/meetings/roster?orgId=${fx.branchId}`)).json();
    const created = await secretary.post('/api/v1/meetings', {
      orgId: fx.branchId,
      kind: 'theme_party_day',
      topic: '会前拟定的主题',
      heldAt: dayjs().tz(ZONE).subtract(2, 'day').hour(9).minute(0).second(0).format(),
      place: '车站会议室',
      attendance: roster.items.map((p: { personId: string }) => ({
        personId: p.personId,
        status: 'present',
      })),
    });
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json();
    const edit = (topic: string) => ({
      orgId: m.orgId,
      kind: m.kind,
      topic,
      heldAt: m.heldAt,
      place: m.place,
    });
    // Someone else changes it first (the phone is offline meanwhile).
    const elsewhere = await secretary.request('PATCH', `/api/v1/meetings/${m.id}`, edit('电脑上改过的主题'), {
      'if-match': `"${m.version}"`,
    });
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
    expect(elsewhere.json().version).toBe(m.version + 1);
    // The phone's edit, based on the first version, is not applied.
    const stale = await secretary.request('PATCH', `/api/v1/meetings/${m.id}`, edit('手机上离线改的主题'), {
      'if-match': `"${m.version}"`,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('edit_conflict');
    expect(stale.json().current.topic).toBe('电脑上改过的主题');
    expect((await secretary.get(`/api/v1/meetings/${m.id}`)).json().topic).toBe('电脑上改过的主题');
    // The user chose theirs: sent again on the version they have now seen.
    const chosen = await secretary.request('PATCH', `/api/v1/meetings/${m.id}`, edit('手机上离线改的主题'), {
      'if-match': `W/"${stale.json().current.version}"`,
    });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().topic).toBe('手机上离线改的主题');
  });
});
