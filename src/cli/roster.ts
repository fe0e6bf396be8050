import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadActor } from '../kernel/accounts/api';
import { exportRoster, getImportJob, startImport } from '../kernel/people/api';
import type { Actor } from '../platform/access';
import type { AppContext } from '../platform/context';
import { queryRows } from '../platform/db';
import { AppError } from '../platform/errors';

const USAGE = `用法：
  npm run cli -- roster import --as <用户名> <文件.xlsx>    按名册模板导入（全部成功或全部不导入）
  npm run cli -- roster export --as <用户名> <文件.xlsx>    导出该账号范围内的名册（敏感字段脱敏）`;

/** The command acts as an account, with exactly its scope and its audit trail. */
async function actorNamed(ctx: AppContext, username: string | undefined): Promise<Actor | null> {
  if (!username) return null;
  const [account] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from accounts where lower(username) = lower(${username})`,
  );
  return account ? loadActor(ctx.db, account.id, 'cli') : null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `roster import|export --as <username> <file>`: the web's import wizard and export, from a shell. */
export async function rosterCommand(ctx: AppContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const asAt = rest.indexOf('--as');
  const username = asAt >= 0 ? rest[asAt + 1] : undefined;
  const file = rest.filter((_, i) => i !== asAt && i !== asAt + 1)[0];
  if ((sub !== 'import' && sub !== 'export') || !file) {
    console.error(USAGE);
    return 2;
  }
  const actor = await actorNamed(ctx, username);
  if (!actor) {
    console.error(username ? `没有用户名为“${username}”的可用账号` : `缺少 --as <用户名>\n${USAGE}`);
    return 2;
  }
  try {
    if (sub === 'export') {
      const { data, count } = await exportRoster(ctx, actor, {});
      writeFileSync(file, data);
      console.log(`已导出 ${count} 人到 ${file}`);
      return 0;
    }
    const { jobId } = await startImport(ctx, actor, { fileName: basename(file), data: readFileSync(file) });
    let shown = '';
    for (;;) {
      const job = getImportJob(actor, jobId);
      const line = `${job.phase} ${job.processed}/${job.total}`;
      if (line !== shown) console.log(`  ${line}`);
      shown = line;
      if (job.phase === 'done') {
        for (const e of job.errors)
          console.error(`第 ${e.row} 行${e.column ? ` ${e.column}` : ''}：${e.message}`);
        if (job.status === 'done') console.log(`已导入 ${job.created} 人`);
        else console.error(`有 ${job.errors.length} 处错误，未导入任何人员`);
        return job.status === 'done' ? 0 : 1;
      }
      await sleep(200);
    }
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const fields = e.fields ? Object.values(e.fields).join('；') : '';
    console.error(fields || e.message);
    return 1;
  }
}
