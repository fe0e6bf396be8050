import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { acknowledgeCommand } from '../src/cli/acknowledge';
import { anchorCommand, anchorKeyCommand } from '../src/cli/anchor';
import { archiveCheckCommand, archiveCommand } from '../src/cli/archive';
import { setupCommittee } from '../src/cli/setup';
import { anchorOptions, verifyCommand } from '../src/cli/verify';
import { anchorScheduleFromEnv, startAnchorSchedule } from '../src/platform/anchor';
import { type AuditActor, eventHash, recordAudit } from '../src/platform/audit';
import { type Executor, queryRows } from '../src/platform/db';
import { cellText, newWorkbook, readWorkbook, workbookBuffer } from '../src/platform/excel';
import { newId } from '../src/platform/ids';
import { type VerifyOptions, verifyAudit } from '../src/platform/verify';
import { smallWorlds, type World } from './fresh-db';

/**
 * The audit chain as an attacker with database access would meet it: every kind of break reported and
 * checked past, consistent rewrites, truncation and rollbacks caught by signed anchors, known breaks
 * acknowledged without being hidden, older events archived. Each test gets a copy of a small world (two
 * committees made by `setup`), so the whole report is about what the test did.
 */
let worlds: Awaited<ReturnType<typeof smallWorlds>>;
let w: World | undefined;
beforeAll(async () => {
  worlds = await smallWorlds();
}, 240_000);
afterAll(() => worlds?.close());
afterEach(async () => {
  await w?.drop();
  w = undefined;
  vi.unstubAllEnvs();
});
const open = async () => {
  w = await worlds.open();
  return w;
};

const SYSTEM: AuditActor = { id: null, name: 'test', ip: null };
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** n more events at the end of a chain, through the application's own append. */
const append = (db: Executor, tenantId: string, n: number) =>
  (db as World['ctx']['db']).transaction((tx) =>
    recordAudit(
      tx,
      Array.from({ length: n }, (_, i) => ({
        tenantId,
        actor: SYSTEM,
        action: 'keys.rotate',
        details: { i },
      })),
    ),
  );

const guard = (db: Executor, on: boolean) =>
  db.execute(sql.raw(`alter table audit_events ${on ? 'enable' : 'disable'} trigger audit_events_no_update`));

const headOf = async (db: Executor, tenantId: string) =>
  (
    await queryRows<{ seq: string; hash: string }>(
      db,
      sql`select seq, hash from audit_heads where tenant_id = ${tenantId}`,
    )
  ).map((h) => ({ seq: Number(h.seq), hash: h.hash }))[0];

interface Row {
  seq: string | number;
  tenant_id: string;
  at: Date | string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  content_hash: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}
const hashOf = (prev: string, r: Row) =>
  eventHash(prev, {
    tenantId: r.tenant_id,
    seq: Number(r.seq),
    at: new Date(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    contentHash: r.content_hash,
    details: r.details,
    ip: r.ip,
  });

/**
 * What someone with the database in hand does to hide a change: edit an event, recompute its hash and every
 * later one, and move the head. The chain then verifies on its own.
 */
async function rewriteConsistently(db: Executor, tenantId: string, seq: number, actorName: string) {
  const rows = await queryRows<Row>(
    db,
    sql`select * from audit_events where tenant_id = ${tenantId} and seq >= ${seq} order by seq`,
  );
  await guard(db, false);
  let prev = rows[0].prev_hash;
  for (const r of rows) {
    if (Number(r.seq) === seq) r.actor_name = actorName;
    const hash = hashOf(prev, r);
    await db.execute(sql`update audit_events set actor_name = ${r.actor_name}, prev_hash = ${prev}, hash = ${hash}
      where tenant_id = ${tenantId} and seq = ${r.seq}`);
    prev = hash;
  }
  await db.execute(sql`update audit_heads set hash = ${prev} where tenant_id = ${tenantId}`);
  await guard(db, true);
}

/** A signing key in a temporary folder, named by BRANCHLINE_ANCHOR_KEY as an operator would. */
function anchorKey(): { key: string; pub: string; dir: string } {
  const dir = tmp('bl-anchor-');
  const key = join(dir, 'anchor.pem');
  expect(anchorKeyCommand([key])).toBe(0);
  vi.stubEnv('BRANCHLINE_ANCHOR_KEY', key);
  return { key, pub: `${key}.pub`, dir: join(dir, 'anchors') };
}

const withAnchors = (dir: string, pub: string): VerifyOptions => {
  const options = anchorOptions(['--anchors', dir, '--public-key', pub]);
  if (typeof options === 'string') throw new Error(options);
  return options;
};

const kinds = (problems: { kind: string; tenantId?: string; seq?: number }[], tenantId: string) =>
  problems.filter((p) => p.tenantId === tenantId).map((p) => `${p.kind}@${p.seq}`);

describe('audit verify checks every chain to its end', { timeout: 120_000 }, () => {
  it('reports each kind of break with its sequence number, and keeps checking past it', async () => {
    const { ctx, tenants } = await open();
    const [a, b] = tenants;
    await append(ctx.db, a, 10); // seq 8–17
    await guard(ctx.db, false);
    await ctx.db.execute(
      sql`update audit_events set actor_name = '他人' where tenant_id = ${a} and seq in (9, 17)`,
    );
    await ctx.db.execute(sql`delete from audit_events where tenant_id = ${a} and seq = 12`);
    await ctx.db.execute(sql`delete from audit_events where tenant_id = ${b} and seq >= 6`);
    await guard(ctx.db, true);
    // Event 14 rewritten together with its own hash: only the next event's link shows it.
    const [e14] = await queryRows<Row>(
      ctx.db,
      sql`select * from audit_events where tenant_id = ${a} and seq = 14`,
    );
    e14.actor_name = '改写';
    await guard(ctx.db, false);
    await ctx.db.execute(
      sql`update audit_events set actor_name = '改写', hash = ${hashOf(e14.prev_hash, e14)} where tenant_id = ${a} and seq = 14`,
    );
    await guard(ctx.db, true);

    const report = await verifyAudit(ctx.db);
    expect(report.status).toBe('failed');
    expect(kinds(report.problems, a)).toEqual([
      'event_changed@9',
      'events_missing@12',
      'link_broken@15',
      'event_changed@17',
    ]);
    expect(kinds(report.problems, b)).toEqual(['events_missing@6']);
    expect(report.problems.find((p) => p.tenantId === b)).toMatchObject({ count: 2 });
    const chains = Object.fromEntries(report.chains.map((c) => [c.tenantId, c]));
    expect(chains[a]).toMatchObject({ events: 16, firstSeq: 1, lastSeq: 17, headSeq: 17, firstBadSeq: 9 });
    expect(chains[b]).toMatchObject({ lastSeq: 5, headSeq: 7, firstBadSeq: 6 });
    expect(await verifyCommand(ctx)).toBe(1);
  });

  it('stores and hashes the same text: unstorable characters in any event field verify clean', async () => {
    const { ctx, tenants } = await open();
    await ctx.db.transaction((tx) =>
      recordAudit(tx, {
        tenantId: tenants[0],
        actor: { id: null, name: '\ud800登录', ip: '10.0.0.1\u0000' },
        action: 'keys.rotate',
        details: {
          username: 'a\u0000b\udc00',
          '\ud83d键': ['\ud83d\ude00', new Date(0)],
          skipped: undefined,
        },
      }),
    );
    const report = await verifyAudit(ctx.db);
    expect(report.problems).toEqual([]);
    expect(report.status).toBe('clean');
    const [e] = await queryRows<{ actor_name: string; details: Record<string, unknown> }>(
      ctx.db,
      sql`select actor_name, details from audit_events where tenant_id = ${tenants[0]} order by seq desc limit 1`,
    );
    expect(e.actor_name).toBe('\ufffd登录');
    expect(e.details).toEqual({
      username: 'a\ufffdb\ufffd',
      '\ufffd键': ['\ud83d\ude00', '1970-01-01T00:00:00.000Z'],
    });
  });

  it('refuses a committee name the database cannot store as given', async () => {
    const { ctx } = await open();
    await expect(setupCommittee(ctx, { name: '丙\ud800党委', code: 'bing' })).rejects.toThrow();
    await expect(setupCommittee(ctx, { name: '丙\u0000党委', code: 'bing' })).rejects.toThrow();
  });

  it('reads spreadsheet cells carrying _xD800_ or _x0000_ escapes as the database would store them', async () => {
    const wb = newWorkbook();
    wb.addWorksheet('名册').getCell('A1').value = 'MARKER';
    const zip = await JSZip.loadAsync(await workbookBuffer(wb));
    const shared = (await zip.file('xl/sharedStrings.xml')!.async('string')).replace(
      'MARKER',
      '张_xD800_三_x0000_',
    );
    zip.file('xl/sharedStrings.xml', shared);
    const read = await readWorkbook(await zip.generateAsync({ type: 'nodebuffer' }));
    const value = read.getWorksheet('名册')!.getCell('A1').value;
    expect(value).toBe('张\ud800三\u0000'); // what exceljs hands over
    expect(cellText(value)).toBe('张\ufffd三\ufffd');
    expect(cellText({ richText: [{ text: '\udc00' }] })).toBe('\ufffd');
  });
});

describe('the issue: one broken event, repaired without hiding it', { timeout: 120_000 }, () => {
  it('reports the broken event, checks the ones after it, and lists it as acknowledged once acknowledged', async () => {
    const { ctx, tenants } = await open();
    const [a] = tenants;
    // How the bug happened: the application hashed a lone surrogate the database stored as U+FFFD.
    const head = await headOf(ctx.db, a);
    const event = {
      tenantId: a,
      seq: head.seq + 1,
      at: new Date(),
      actorId: null,
      actorName: '\ud800',
      action: 'keys.rotate',
      entity: null,
      entityId: null,
      contentHash: null,
      details: null,
      ip: null,
    };
    const hash = eventHash(head.hash, event);
    await ctx.db.execute(sql`insert into audit_events (id, tenant_id, seq, at, actor_name, action, prev_hash, hash)
      values (${newId()}, ${a}, ${event.seq}, ${event.at.toISOString()}, ${'\ud800'}, 'keys.rotate', ${head.hash}, ${hash})`);
    await ctx.db.execute(
      sql`update audit_heads set seq = ${event.seq}, hash = ${hash} where tenant_id = ${a}`,
    );
    const broken = event.seq;
    await append(ctx.db, a, 3);
    // A later event changed behind the application's back is still found.
    await guard(ctx.db, false);
    await ctx.db.execute(
      sql`update audit_events set ip = '6.6.6.6' where tenant_id = ${a} and seq = ${broken + 2}`,
    );
    await guard(ctx.db, true);
    let report = await verifyAudit(ctx.db);
    expect(kinds(report.problems, a)).toEqual([`event_changed@${broken}`, `event_changed@${broken + 2}`]);

    const reason = '登录名含不成对代理项，存储为 U+FFFD，哈希按原文计算（问题 8）';
    expect(await acknowledgeCommand(ctx, ['--tenant', a, '--seq', String(broken)])).toBe(2);
    expect(await acknowledgeCommand(ctx, ['--tenant', a, '--seq', '3', '--reason', reason])).toBe(1);
    expect(await acknowledgeCommand(ctx, ['--tenant', a, '--seq', String(broken), '--reason', reason])).toBe(
      0,
    );
    report = await verifyAudit(ctx.db);
    expect(kinds(report.problems, a)).toEqual([`event_changed@${broken + 2}`]);
    expect(await verifyCommand(ctx)).toBe(1);

    await guard(ctx.db, false);
    await ctx.db.execute(
      sql`update audit_events set ip = null where tenant_id = ${a} and seq = ${broken + 2}`,
    );
    await guard(ctx.db, true);
    report = await verifyAudit(ctx.db);
    expect(report.problems).toEqual([]);
    expect(report.status).toBe('acknowledged');
    expect(report.ok).toBe(false);
    expect(report.acknowledged).toEqual([
      expect.objectContaining({
        problem: expect.objectContaining({ kind: 'event_changed', seq: broken }),
        ack: expect.objectContaining({ reason, seq: broken + 4 }),
      }),
    ]);
    const log = vi.spyOn(console, 'log');
    const err = vi.spyOn(console, 'error');
    expect(await verifyCommand(ctx)).toBe(3);
    expect(log.mock.calls.flat().join('\n')).toMatch(/^ACKNOWLEDGED: .*NOT proven intact/m);
    expect(err.mock.calls.flat().join('\n')).toContain(`ACK  event_changed tenant=${a} seq=${broken}`);
    log.mockRestore();
    err.mockRestore();
    const [ack] = await queryRows<{ action: string; actor_name: string }>(
      ctx.db,
      sql`select action, actor_name from audit_events where tenant_id = ${a} and seq = ${broken + 4}`,
    );
    expect(ack.action).toBe('audit.acknowledge');
    expect(ack.actor_name).toMatch(/^audit acknowledge \(/);
    // The chain goes on, and a new break is a new problem.
    await append(ctx.db, a, 2);
    expect((await verifyAudit(ctx.db)).status).toBe('acknowledged');
  });

  it('acknowledges a head that disagrees with the chain by setting it back, and a row changed outside', async () => {
    const { ctx, tenants } = await open();
    const [a, b] = tenants;
    await ctx.db.execute(sql`update audit_heads set hash = ${'f'.repeat(64)} where tenant_id = ${a}`);
    const [account] = await queryRows<{ id: string }>(
      ctx.db,
      sql`select id from accounts where tenant_id = ${b} order by username limit 1`,
    );
    await ctx.db.execute(sql`update accounts set display_name = '库外改名' where id = ${account.id}`);
    let report = await verifyAudit(ctx.db);
    expect(report.problems.map((p) => p.kind).sort()).toEqual(['head_mismatch', 'row_changed']);
    const seq = report.problems.find((p) => p.kind === 'head_mismatch')!.seq!;

    expect(
      await acknowledgeCommand(ctx, [
        '--tenant',
        a,
        '--seq',
        String(seq),
        '--reason',
        '链头被误改，已按链恢复',
      ]),
    ).toBe(0);
    expect(
      await acknowledgeCommand(ctx, [
        '--entity',
        'account',
        '--id',
        account.id,
        '--reason',
        '运维库外改名，已核实',
      ]),
    ).toBe(0);
    await append(ctx.db, a, 2);
    report = await verifyAudit(ctx.db);
    expect(report.problems).toEqual([]);
    expect(report.acknowledged.map((x) => `${x.problem.kind} ${x.ack.tenantId}`).sort()).toEqual(
      [`head_mismatch ${a}`, `row_changed ${b}`].sort(),
    );
    expect(await verifyCommand(ctx)).toBe(3);
  });
});

describe('signed anchors', { timeout: 120_000 }, () => {
  it('catch a consistent rewrite of the chain that verify alone cannot see', async () => {
    const { ctx, tenants } = await open();
    const { pub, dir } = anchorKey();
    await append(ctx.db, tenants[0], 5);
    expect(await anchorCommand(ctx, ['--out', dir])).toBe(0);
    await rewriteConsistently(ctx.db, tenants[0], 3, '别人');

    expect((await verifyAudit(ctx.db)).problems).toEqual([]);
    const report = await verifyAudit(ctx.db, [], undefined, withAnchors(dir, pub));
    expect(kinds(report.problems, tenants[0])).toEqual(['anchor_mismatch@12']);
    expect(report.problems[0].message).toMatch(/审计链被改写/);
    expect(kinds(report.problems, tenants[1])).toEqual([]);
    expect(report.anchors).toEqual({ heads: 2, checked: 2 });
    expect(await verifyCommand(ctx, ['--anchors', dir, '--public-key', pub])).toBe(1);
    // The key named by BRANCHLINE_ANCHOR_KEY gives the public key when none is named.
    expect(await verifyCommand(ctx, ['--anchors', dir])).toBe(1);
  });

  it('catch a truncated tail, and a database rolled back to an older copy', async () => {
    const { ctx, tenants } = await open();
    const older = await worlds.open(); // the same database as an older backup would hold it
    try {
      const { pub, dir } = anchorKey();
      await append(ctx.db, tenants[1], 4); // seq 8–11
      expect(await anchorCommand(ctx, ['--out', dir])).toBe(0);
      expect(await verifyCommand(ctx, ['--anchors', dir, '--public-key', pub])).toBe(0);

      const rolledBack = await verifyAudit(older.ctx.db, [], undefined, withAnchors(dir, pub));
      expect(kinds(rolledBack.problems, tenants[1])).toEqual(['anchor_lost@11']);
      expect(rolledBack.problems[0].message).toMatch(/回退到旧备份/);

      await guard(ctx.db, false);
      await ctx.db.execute(sql`delete from audit_events where tenant_id = ${tenants[1]} and seq > 9`);
      await guard(ctx.db, true);
      const [nine] = await queryRows<{ hash: string }>(
        ctx.db,
        sql`select hash from audit_events where tenant_id = ${tenants[1]} and seq = 9`,
      );
      await ctx.db.execute(
        sql`update audit_heads set seq = 9, hash = ${nine.hash} where tenant_id = ${tenants[1]}`,
      );
      expect((await verifyAudit(ctx.db)).problems).toEqual([]);
      const truncated = await verifyAudit(ctx.db, [], undefined, withAnchors(dir, pub));
      expect(kinds(truncated.problems, tenants[1])).toEqual(['anchor_lost@11']);
      // Known and acknowledged, the loss stays listed: exit 3, not 0.
      expect(
        await acknowledgeCommand(ctx, [
          '--tenant',
          tenants[1],
          '--seq',
          '11',
          '--reason',
          '演练：删除了最后两条事件',
          '--anchors',
          dir,
          '--public-key',
          pub,
        ]),
      ).toBe(0);
      expect(await verifyCommand(ctx, ['--anchors', dir, '--public-key', pub])).toBe(3);
    } finally {
      await older.drop();
    }
  });

  it('refuse anchors that were changed, signed by another key, or missing', async () => {
    const { ctx } = await open();
    const { pub, dir } = anchorKey();
    expect(await anchorCommand(ctx, ['--out', dir])).toBe(0);
    const [name] = readdirSync(dir);
    const file = join(dir, name);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.heads[0].seq += 1;
    writeFileSync(file, JSON.stringify(doc));
    let options = withAnchors(dir, pub);
    expect(options.anchorProblems).toEqual([expect.objectContaining({ kind: 'anchor_invalid', file: name })]);
    expect(options.anchorProblems![0].message).toMatch(/签名无效/);

    const other = anchorKey();
    options = withAnchors(dir, other.pub);
    expect(options.anchorProblems![0].message).toMatch(/另一把密钥/);
    expect(await verifyCommand(ctx, ['--anchors', dir, '--public-key', pub])).toBe(1);

    const empty = tmp('bl-empty-');
    expect(withAnchors(empty, pub).anchorProblems![0].message).toMatch(/没有锚点文件/);
    vi.unstubAllEnvs();
    vi.stubEnv('BRANCHLINE_ANCHOR_KEY', '');
    expect(await verifyCommand(ctx, ['--anchors', dir])).toBe(2);
    expect(await anchorCommand(ctx, ['--out', dir])).toBe(2);
    expect(anchorKeyCommand([other.key])).toBe(1); // never overwrites a key
  });

  it('are written on a schedule by the server when BRANCHLINE_ANCHOR_DIR is set', async () => {
    const { ctx } = await open();
    const { key, dir, pub } = anchorKey();
    expect(anchorScheduleFromEnv({})).toBeNull();
    expect(() => anchorScheduleFromEnv({ BRANCHLINE_ANCHOR_DIR: dir })).toThrow(/BRANCHLINE_ANCHOR_KEY/);
    const schedule = anchorScheduleFromEnv({
      BRANCHLINE_ANCHOR_DIR: dir,
      BRANCHLINE_ANCHOR_KEY: key,
      BRANCHLINE_ANCHOR_INTERVAL: '5',
    })!;
    expect(schedule.intervalMs).toBe(300_000);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const stop = startAnchorSchedule(ctx.db, schedule);
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringMatching(/^audit anchor written/)), {
      timeout: 20_000,
    });
    stop();
    log.mockRestore();
    expect(withAnchors(dir, pub).anchors).toHaveLength(2);
  });
});

describe('archiving older events', { timeout: 120_000 }, () => {
  it('accepts a chain that starts after an archive point, and nothing else missing at the start', async () => {
    const { ctx, tenants } = await open();
    const [a, b] = tenants;
    await append(ctx.db, a, 3); // seq 8–10
    const out = tmp('bl-archive-');
    expect(await archiveCommand(ctx, ['--tenant', a, '--through', '8', '--out', out])).toBe(0);
    const file = join(out, `audit-${a}-1-8.jsonl`);
    expect(await archiveCheckCommand(ctx, [file])).toBe(0);
    // The operator removes the archived events, as docs/operations.md says.
    await guard(ctx.db, false);
    await ctx.db.execute(sql`delete from audit_events where tenant_id = ${a} and seq <= 8`);
    await ctx.db.execute(sql`delete from audit_events where tenant_id = ${b} and seq <= 3`);
    await guard(ctx.db, true);

    const report = await verifyAudit(ctx.db);
    // Every row of the archived events was carried forward, so no row lost its audit record.
    expect(kinds(report.problems, a)).toEqual([]);
    expect(kinds(report.problems, b)).toEqual(['events_missing@1']);
    // b's rows whose only events were removed without an archive point have no audit record any more.
    expect(report.problems.filter((p) => p.kind === 'row_inserted')).toHaveLength(3);
    expect(report.problems).toHaveLength(4);
    expect(report.chains.find((c) => c.tenantId === a)).toMatchObject({ archivedThrough: 8, firstSeq: 9 });
    expect(report.notes.join('\n')).toContain('events 1–8 archived');
    expect(await archiveCheckCommand(ctx, [file])).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"keys.rotate"', '"keys.rotatE"'));
    expect(await archiveCheckCommand(ctx, [file])).toBe(1);
    expect(await archiveCommand(ctx, ['--tenant', a, '--through', '9', '--out', out])).toBe(1); // b is broken
  });
});
