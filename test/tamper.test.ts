import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db';
import { verifyAudit } from '../src/platform/verify';
import { createTestEnv, type TestEnv } from './harness';

/** Changes made behind the application's back, each of which `audit verify` must catch and name. */
let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv();
});
afterEach(() => env.close());

const anyPerson = async () =>
  (await queryRows<{ id: string }>(env.ctx.db, sql`select id from people order by employee_no limit 1`))[0]
    .id;

describe('audit verify', () => {
  it('passes on the untouched demo section', async () => {
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems).toEqual([]);
    expect(report.events).toBeGreaterThan(7000);
  });

  it('names a row updated by direct SQL', async () => {
    const id = await anyPerson();
    await env.ctx.db.execute(sql`update people set name = '篡改' where id = ${id}`);
    const report = await verifyAudit(env.ctx.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'row_changed', entity: 'person', entityId: id }),
    ]);
  });

  it('names a row deleted by direct SQL', async () => {
    const [m] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from person_memberships limit 1`);
    await env.ctx.db.execute(sql`delete from person_memberships where id = ${m.id}`);
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'row_deleted', entity: 'membership', entityId: m.id }),
    ]);
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
  });

  it('refuses UPDATE and DELETE on the audit log itself', async () => {
    await expect(
      env.ctx.db.execute(sql`update audit_events set action = 'x' where seq = 1`),
    ).rejects.toThrow();
    await expect(env.ctx.db.execute(sql`delete from audit_events where seq = 1`)).rejects.toThrow();
  });

  it('detects a broken chain when the guard is removed and an event rewritten', async () => {
    await env.ctx.db.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
    await env.ctx.db.execute(sql`update audit_events set actor_name = '他人' where seq = 5`);
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'chain_broken', seq: 5 })]);
  });

  it('detects events cut off the end of the chain', async () => {
    await env.ctx.db.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
    await env.ctx.db.execute(sql`delete from audit_events where seq = (select max(seq) from audit_events)`);
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems.map((p) => p.kind)).toContain('chain_truncated');
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
