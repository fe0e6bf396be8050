import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db';
import { verifyAudit } from '../src/platform/verify';
import { createTestEnv, type TestEnv } from './harness';

/**
 * Changes made behind the application's back to the demo section, each of which `audit verify` must catch
 * and name; every test undoes its change, and the next one's exact list of problems shows if it didn't.
 * Breaks of the chain itself, anchors, acknowledgments and archives: test/audit-chain.test.ts.
 */
let env: TestEnv;
let tenant: string;
beforeAll(async () => {
  env = await createTestEnv();
  [{ id: tenant }] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from tenants limit 1`);
}, 180_000);
afterAll(() => env.close());

const anyPerson = async () =>
  (await queryRows<{ id: string }>(env.ctx.db, sql`select id from people order by employee_no limit 1`))[0]
    .id;

const guard = (on: boolean) =>
  env.ctx.db.execute(
    sql.raw(`alter table audit_events ${on ? 'enable' : 'disable'} trigger audit_events_no_update`),
  );

// A verify of the whole demo takes seconds, more on a busy machine or PostgreSQL.
describe('audit verify', { timeout: 180_000 }, () => {
  it('passes on the untouched demo section', async () => {
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems).toEqual([]);
    expect(report.status).toBe('clean');
    expect(report.events).toBeGreaterThan(7000);
  });

  it('names a row updated by direct SQL', async () => {
    const id = await anyPerson();
    await env.ctx.db.execute(sql`update people set name = name || '篡改' where id = ${id}`);
    const report = await verifyAudit(env.ctx.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'row_changed', entity: 'person', entityId: id, tenantId: tenant }),
    ]);
    await env.ctx.db.execute(sql`update people set name = left(name, length(name) - 2) where id = ${id}`);
  });

  it('names a row deleted by direct SQL', async () => {
    const [m] = await queryRows<{ id: string; row: unknown }>(
      env.ctx.db,
      sql`select id, row_to_json(t) as row from person_memberships t limit 1`,
    );
    await env.ctx.db.execute(sql`delete from person_memberships where id = ${m.id}`);
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'row_deleted', entity: 'membership', entityId: m.id }),
    ]);
    await env.ctx.db.execute(
      sql`insert into person_memberships select * from json_populate_record(null::person_memberships, ${JSON.stringify(m.row)}::json)`,
    );
  });

  it('names a row inserted by direct SQL', async () => {
    const [src] = await queryRows<{ tenant_id: string; org_id: string }>(
      env.ctx.db,
      sql`select tenant_id, org_id from people limit 1`,
    );
    const id = '0190a000-0000-7000-8000-000000000001';
    await env.ctx.db.execute(sql`insert into people (id, tenant_id, org_id, name, gender, party_status, created_at, updated_at)
      values (${id}, ${src.tenant_id}, ${src.org_id}, '幽灵', 'male', 'full', now(), now())`);
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'row_inserted', entity: 'person', entityId: id }),
    ]);
    await env.ctx.db.execute(sql`delete from people where id = ${id}`);
  });

  it('refuses UPDATE and DELETE on the audit log itself', async () => {
    await expect(
      env.ctx.db.execute(sql`update audit_events set action = 'x' where seq = 1`),
    ).rejects.toThrow();
    await expect(env.ctx.db.execute(sql`delete from audit_events where seq = 1`)).rejects.toThrow();
  });

  it('names an event rewritten with the guard removed, and the events after it still verify', async () => {
    await guard(false);
    await env.ctx.db.execute(
      sql`update audit_events set actor_name = actor_name || '他人' where seq = 5 and tenant_id = ${tenant}`,
    );
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'event_changed', seq: 5, tenantId: tenant }),
    ]);
    expect(report.chains.find((c) => c.tenantId === tenant)?.firstBadSeq).toBe(5);
    await env.ctx.db.execute(
      sql`update audit_events set actor_name = left(actor_name, length(actor_name) - 2) where seq = 5 and tenant_id = ${tenant}`,
    );
    await guard(true);
  });

  it('names events cut off the end of the chain', async () => {
    const [last] = await queryRows<{ seq: string; row: unknown }>(
      env.ctx.db,
      sql`select seq, row_to_json(e) as row from audit_events e where tenant_id = ${tenant} order by seq desc limit 1`,
    );
    await guard(false);
    await env.ctx.db.execute(sql`delete from audit_events where tenant_id = ${tenant} and seq = ${last.seq}`);
    await guard(true);
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'events_missing', seq: Number(last.seq), count: 1, tenantId: tenant }),
    );
    await env.ctx.db.execute(
      sql`insert into audit_events select * from json_populate_record(null::audit_events, ${JSON.stringify(last.row)}::json)`,
    );
  });

  it('stays green after changes made through the application', async () => {
    const secretary = await env.login('demo-secretary');
    const list = (await secretary.get('/api/v1/people?pageSize=1')).json();
    const res = await secretary.patch(`/api/v1/people/${list.items[0].id}`, {
      post: '车站值班员',
      mobile: '13912345678',
    });
    expect(res.statusCode).toBe(200);
    await secretary.post(`/api/v1/people/${list.items[0].id}/reveal`, { field: 'mobile' });
    expect((await verifyAudit(env.ctx.db)).problems).toEqual([]);
  });
});
