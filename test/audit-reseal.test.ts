import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { acknowledgeCommand } from '../src/cli/acknowledge';
import { resealCommand } from '../src/cli/reseal';
import { orgEntity } from '../src/kernel/orgs/tables';
import { recordAudit } from '../src/platform/audit';
import { MIGRATIONS_DIR, queryRows } from '../src/platform/db';
import { newId } from '../src/platform/ids';
import { verifyAudit } from '../src/platform/verify';
import { smallWorlds, type World } from './fresh-db';

/**
 * `audit reseal` re-registers only what a named, recorded migration changed in the columns prepared for
 * it; an edit made by direct SQL stays flagged whatever the operator runs.
 */
let worlds: Awaited<ReturnType<typeof smallWorlds>>;
let w: World;
beforeAll(async () => {
  worlds = await smallWorlds();
  w = await worlds.open();
  await addBranches(4);
}, 240_000);
afterAll(async () => {
  await w?.drop();
  await worlds?.close();
});

/** This version's migrations plus two of a "next version": one adds a column to orgs, one doesn't touch it. */
function nextVersion(): { dir: string; addColumn: string; unrelated: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bl-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  const last = journal.entries.at(-1);
  const add = (tag: string, text: string, offset: number) => {
    writeFileSync(join(dir, `${tag}.sql`), text);
    journal.entries.push({
      idx: last.idx + offset,
      version: '7',
      when: last.when + offset * 1000,
      tag,
      breakpoints: true,
    });
  };
  add('0098_accounts_note', 'ALTER TABLE "accounts" ADD COLUMN "note_test" text;', 1);
  add('0099_orgs_reviewed', 'ALTER TABLE "orgs" ADD COLUMN "reviewed" boolean DEFAULT false NOT NULL;', 2);
  writeFileSync(journalFile, JSON.stringify(journal));
  return { dir, addColumn: '0099_orgs_reviewed', unrelated: '0098_accounts_note' };
}

/** Branches under the first committee, created with their audit events as the application would. */
async function addBranches(n: number) {
  const [root] = await queryRows<{ id: string; path: string }>(
    w.ctx.db,
    sql`select id, path from orgs where tenant_id = ${w.tenants[0]} and parent_id is null`,
  );
  await w.ctx.db.transaction(async (tx) => {
    const ids = Array.from({ length: n }, () => newId());
    for (const [i, id] of ids.entries())
      await tx.execute(sql`insert into orgs (id, tenant_id, parent_id, type, code, name, path, depth, established_on)
        values (${id}, ${w.tenants[0]}, ${root.id}, 'branch', ${`B${i}`}, ${`第${i + 1}党支部`}, ${`${root.path}${id}/`}, 1, '2020-01-01')`);
    await recordAudit(
      tx,
      ids.map((id) => ({
        tenantId: w.tenants[0],
        actor: { id: null, name: 'test', ip: null },
        action: 'org.create',
        target: { entity: orgEntity, id },
      })),
    );
  });
}

const orgIds = async () =>
  (await queryRows<{ id: string }>(w.ctx.db, sql`select id from orgs order by id`)).map((r) => r.id);

describe('audit reseal', { timeout: 180_000 }, () => {
  it('reseals only rows a prepared, named and applied migration changed; direct edits stay flagged', async () => {
    const { ctx } = w;
    const next = nextVersion();
    const reseal = (args: string[]) => resealCommand(ctx, args, { migrationsDir: next.dir });
    const errors = vi.spyOn(console, 'error');
    const said = () => errors.mock.calls.flat().join('\n');
    const [editedBefore, editedBetween, ...others] = await orgIds();
    expect(others.length).toBeGreaterThanOrEqual(4);

    // An edit behind the application's back BEFORE the upgrade: never staged.
    await ctx.db.execute(sql`update orgs set name = name || '（改）' where id = ${editedBefore}`);
    expect(await reseal(['prepare', 'org'])).toBe(2);
    expect(await reseal(['prepare', 'org', '--columns', 'reviewed; drop table x'])).toBe(2);
    // Nothing pending with this version's own migrations: prepare belongs before `migrate`.
    expect(await resealCommand(ctx, ['prepare', 'org', '--columns', 'reviewed'])).toBe(1);
    expect(await reseal(['prepare', 'org', '--columns', 'reviewed', '--reason', '升级到下一版本'])).toBe(0);
    const [prep] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from audit_reseal_staging where entity = 'org'`,
    );
    expect(prep.n).toBe((await orgIds()).length - 1);

    // An edit in another column between preparing and migrating: stays flagged too.
    await ctx.db.execute(sql`update orgs set code = code || 'X' where id = ${editedBetween}`);
    const migrate = w.database.kind === 'postgres' ? migratePg : migratePglite;
    await migrate(ctx.db as never, { migrationsFolder: next.dir });
    const changed = (await verifyAudit(ctx.db)).problems;
    expect(changed.every((p) => p.kind === 'row_changed' && p.entity === 'org')).toBe(true);
    expect(changed.map((p) => p.entityId).sort()).toEqual(await orgIds());

    const reason = ['--reason', '迁移 0099 新增 reviewed 列'];
    expect(await reseal(['org', ...reason])).toBe(2);
    expect(await reseal(['org', '--migration', '0100_nothing', ...reason])).toBe(1);
    expect(said()).toMatch(/not a migration of this version/);
    expect(await reseal(['org', '--migration', '0007_people_name_sort', ...reason])).toBe(1);
    expect(said()).toMatch(/was not pending when the rows were prepared/);
    expect(await reseal(['org', '--migration', next.unrelated, ...reason])).toBe(1);
    expect(said()).toMatch(/doesn't name orgs, reviewed/);
    expect(await reseal(['account', '--migration', next.addColumn, ...reason])).toBe(1);
    expect(said()).toMatch(/no preparation for account/);

    // Anything else wrong refuses it; an acknowledged break does not.
    const [acct] = await queryRows<{ id: string }>(ctx.db, sql`select id from accounts limit 1`);
    await ctx.db.execute(sql`update accounts set display_name = display_name || '改' where id = ${acct.id}`);
    expect(await reseal(['org', '--migration', next.addColumn, ...reason])).toBe(1);
    expect(said()).toMatch(/other problems/);
    await ctx.db.execute(
      sql`update accounts set display_name = left(display_name, length(display_name) - 1) where id = ${acct.id}`,
    );
    await ctx.db.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
    await ctx.db.execute(
      sql`update audit_events set ip = '1.2.3.4' where seq = 2 and tenant_id = ${w.tenants[1]}`,
    );
    await ctx.db.execute(sql`alter table audit_events enable trigger audit_events_no_update`);
    expect(await reseal(['org', '--migration', next.addColumn, ...reason])).toBe(1);
    expect(
      await acknowledgeCommand(ctx, ['--tenant', w.tenants[1], '--seq', '2', '--reason', '演练中改动的事件']),
    ).toBe(0);

    // The staged rows are pinned by the digest in the chain.
    const [{ h }] = await queryRows<{ h: string }>(
      ctx.db,
      sql`select hash_without as h from audit_reseal_staging where row_id = ${others[0]}`,
    );
    await ctx.db.execute(
      sql`update audit_reseal_staging set hash_without = repeat('0', 64) where row_id = ${others[0]}`,
    );
    expect(await reseal(['org', '--migration', next.addColumn, ...reason])).toBe(1);
    expect(said()).toMatch(/audit_reseal_staging was changed/);
    await ctx.db.execute(
      sql`update audit_reseal_staging set hash_without = ${h} where row_id = ${others[0]}`,
    );

    // Exit 1: it resealed what the migration changed, and says which rows stay flagged.
    expect(await reseal(['org', '--migration', next.addColumn, ...reason])).toBe(1);
    expect(said()).toContain(`FLAGGED org ${editedBefore}: not prepared`);
    expect(said()).toContain(`FLAGGED org ${editedBetween}: differs in columns other than reviewed`);
    errors.mockRestore();
    const after = await verifyAudit(ctx.db);
    expect(after.problems.map((p) => `${p.kind} ${p.entityId}`).sort()).toEqual(
      [`row_changed ${editedBefore}`, `row_changed ${editedBetween}`].sort(),
    );
    const events = await queryRows<{ action: string; details: Record<string, unknown> }>(
      ctx.db,
      sql`select action, details from audit_events where action in ('audit.reseal', 'audit.reseal_prepare') order by action`,
    );
    const resealed = events.filter((e) => e.action === 'audit.reseal');
    expect(resealed).toHaveLength(others.length);
    expect(resealed[0].details).toMatchObject({
      migration: next.addColumn,
      columns: ['reviewed'],
      reason: '迁移 0099 新增 reviewed 列',
    });
    expect(events.filter((e) => e.action === 'audit.reseal_prepare').length).toBeGreaterThan(0);
    // Consumed: a second run has nothing prepared.
    expect(await reseal(['org', '--migration', next.addColumn, ...reason])).toBe(1);
  });
});
