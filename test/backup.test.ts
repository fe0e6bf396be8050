import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCommand, restoreCommand } from '../src/cli/backup';
import { verifyCommand } from '../src/cli/verify';
import type { AppContext } from '../src/platform/context';
import { queryRows } from '../src/platform/db';
import { moduleVerifiers } from '../src/platform/registry';
import { verifyAudit } from '../src/platform/verify';
import { freshDatabase } from './fresh-db';
import { type Client, createTestEnv, type TestEnv } from './harness';

/**
 * A backup taken while the application writes restores into a database that verifies clean: one snapshot
 * of every table, and the attachment files the rows name. On PGlite here, on PostgreSQL in CI.
 */
let env: TestEnv;
let secretary: Client;
beforeAll(async () => {
  env = await createTestEnv();
  // This file's own files directory: the backup copies what is under it.
  env.ctx.config = { ...env.ctx.config, filesDir: mkdtempSync(join(tmpdir(), 'bl-files-')) };
  secretary = await env.login('demo-secretary');
}, 180_000);
afterAll(() => env?.close());

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('支部大会照片'),
]);

function multipart(data: Buffer, filename: string) {
  const boundary = `----backup${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** An attachment uploaded through the application to a meeting the secretary may change. */
async function uploadAttachment(): Promise<{ id: string; storageKey: string }> {
  const meetings = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select m.id from meetings m join accounts a on a.username = 'demo-secretary'
        join role_assignments r on r.account_id = a.id and r.org_id = m.org_id
        where m.status in ('draft', 'returned', 'submitted') order by m.held_at desc limit 5`,
  );
  for (const m of meetings) {
    const up = multipart(png, '支部大会.png');
    const res = await secretary.request('POST', `/api/v1/meetings/${m.id}/attachments`, up.body, up.headers);
    if (res.statusCode !== 201) continue;
    const [row] = await queryRows<{ storage_key: string }>(
      env.ctx.db,
      sql`select storage_key from meeting_attachments where id = ${res.json().id}`,
    );
    return { id: res.json().id, storageKey: row.storage_key };
  }
  throw new Error('no meeting the secretary can attach a file to');
}

/** Writes through the application until stopped: person edits (rows and events) and logins (events only). */
function writeLoad() {
  let running = true;
  let writes = 0;
  const people = queryRows<{ id: string }>(
    env.ctx.db,
    sql`select p.id from people p join accounts a on a.username = 'demo-secretary'
        join role_assignments r on r.account_id = a.id and r.org_id = p.org_id order by p.id limit 5`,
  );
  const editor = (async () => {
    const ids = (await people).map((p) => p.id);
    for (let i = 0; running; i++) {
      const res = await secretary.patch(`/api/v1/people/${ids[i % ids.length]}`, { post: `岗位${i}` });
      if (res.statusCode !== 200) throw new Error(`edit: ${res.statusCode} ${res.body}`);
      writes += 1;
    }
  })();
  const logins = (async () => {
    for (let i = 0; running; i++) {
      await env.anonymous.post('/api/v1/auth/login', { username: `nobody-${i}`, password: 'Wrong#Pass1' });
      writes += 1;
    }
  })();
  return {
    stop: async () => {
      running = false;
      await Promise.all([editor, logins]);
      return writes;
    },
  };
}

describe('backup and restore', () => {
  it('restores a backup taken under concurrent writes into a copy that verifies clean, attachments included', async () => {
    const attachment = await uploadAttachment();
    const file = join(mkdtempSync(join(tmpdir(), 'bl-backup-')), 'backup.jsonl');
    const load = writeLoad();
    await new Promise((r) => setTimeout(r, 300));
    expect(await backupCommand(env.ctx, file)).toBe(0);
    const writes = await load.stop();
    expect(writes).toBeGreaterThan(0);
    expect(await backupCommand(env.ctx, file)).toBe(1); // never overwrites

    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'branchline-backup/2' });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true, files: 1 });

    const target = await freshDatabase();
    try {
      const restored: AppContext = {
        ...env.ctx,
        db: target.database.db,
        config: { ...env.ctx.config, filesDir: mkdtempSync(join(tmpdir(), 'bl-restored-')) },
      };
      // A cut file, or one naming a path outside the files directory, is refused before anything is written.
      const header = lines[0];
      const cut = join(mkdtempSync(join(tmpdir(), 'bl-cut-')), 'cut.jsonl');
      writeFileSync(cut, `${header}\n${lines[1]}\n`);
      expect(await restoreCommand(restored, cut)).toBe(1);
      const evil = `${cut}.evil`;
      const outside = { file: '../escape', sha256: 'x', data: '' };
      writeFileSync(
        evil,
        [header, JSON.stringify(outside), JSON.stringify({ end: true, rows: 0, files: 1 })].join('\n'),
      );
      expect(await restoreCommand(restored, evil)).toBe(1);
      expect(existsSync(join(restored.config.filesDir, '..', 'escape'))).toBe(false);

      expect(await restoreCommand(restored, file)).toBe(0);
      const copied = join(restored.config.filesDir, attachment.storageKey);
      expect(readFileSync(copied)).toEqual(png);
      const report = await verifyAudit(restored.db, moduleVerifiers(restored));
      expect(report.problems).toEqual([]);
      expect(report.status).toBe('clean');
      expect(await verifyCommand(restored)).toBe(0);
      expect(await restoreCommand(restored, file)).toBe(1); // only into an empty database

      rmSync(copied);
      const missing = await verifyAudit(restored.db, moduleVerifiers(restored));
      expect(missing.problems).toEqual([
        expect.objectContaining({
          kind: 'file_changed',
          entity: 'meeting_attachment',
          entityId: attachment.id,
        }),
      ]);
    } finally {
      await target.drop();
    }
  }, 600_000);
});
