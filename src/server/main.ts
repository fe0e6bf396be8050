import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorScheduleFromEnv, startAnchorSchedule } from '../platform/anchor';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../platform/demo';
import { buildApp } from './app';
import { loadConfig, openContext, seedIfEmpty } from './bootstrap';

/** The built web app: `dist/web`, or WEB_DIR (a build made elsewhere, served as it is). */
export const WEB_DIR = process.env.WEB_DIR
  ? resolve(process.env.WEB_DIR)
  : fileURLToPath(new URL('../../dist/web', import.meta.url));

/**
 * How many app processes serve (BRANCHLINE_WORKERS: a number, or `auto` for one per core). Several need
 * PostgreSQL: sessions, login counters, import progress, locks and idempotency keys are all in the
 * database, so any process serves any request. PGlite is one process's database: it stays at one.
 */
export function workerCount(env = process.env, postgres = !!loadConfig(env).databaseUrl): number {
  const raw = (env.BRANCHLINE_WORKERS ?? '1').trim();
  const wanted = raw === 'auto' ? availableParallelism() : Number(raw);
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > 64)
    throw new Error(`BRANCHLINE_WORKERS 应为 1–64 的整数或 auto（现为 ${raw}）`);
  if (wanted > 1 && !postgres) {
    console.warn(
      'BRANCHLINE_WORKERS > 1 需要 PostgreSQL (DATABASE_URL)；PGlite 只在一个进程中运行，按 1 个进程启动',
    );
    return 1;
  }
  return wanted;
}

export async function startServer() {
  const config = loadConfig();
  const workers = workerCount();
  if (workers > 1 && cluster.isPrimary) return startPrimary(config, workers);
  const worker = cluster.isWorker;
  // Misconfigured anchors (a directory without a key) stop the start, before anything is served.
  const anchors = worker ? null : anchorScheduleFromEnv();
  const { database, ctx } = await openContext(config);
  if (!worker) await seed(ctx, config.demo);
  const app = await buildApp({
    ctx,
    webDir: WEB_DIR,
    logger: process.env.BRANCHLINE_LOG === '1',
    trustProxy: config.trustProxy,
  });
  await app.listen({ port: config.port, host: config.host });
  if (worker) {
    if (cluster.worker?.id === 1) console.log(`Branchline 支部在线 已启动：http://localhost:${config.port}`);
  } else {
    console.log(
      `Branchline 支部在线 已启动：http://localhost:${config.port}  (${database.kind === 'pglite' ? `PGlite ${config.dataDir}` : 'PostgreSQL'})`,
    );
    greet(config.demo);
  }
  const stopAnchors = anchors ? startAnchorSchedule(ctx.db, anchors) : () => {};
  if (anchors) console.log(`审计锚点：每 ${anchors.intervalMs / 60_000} 分钟写入 ${anchors.dir}`);
  const shutdown = async () => {
    stopAnchors();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function seed(ctx: Parameters<typeof seedIfEmpty>[0], demo: boolean) {
  const started = Date.now();
  const seeded = await seedIfEmpty(ctx, demo);
  if (seeded === 'seeded')
    console.log(`已载入演示数据：海拉尔车务段党委（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  if (seeded === 'empty')
    console.log('数据库为空：用 npm run cli -- setup --name <党委名称> --code <代码> 创建党委和初始账号');
}

function greet(demo: boolean) {
  if (!demo) return;
  console.log(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(16)} ${a.label}`);
}

/**
 * The primary of several processes: migrates, makes the keys and seeds once, keeps the audit anchors
 * (one writer), then starts the workers, which share the port; a worker that dies is started again.
 */
async function startPrimary(config: ReturnType<typeof loadConfig>, workers: number) {
  const anchors = anchorScheduleFromEnv();
  const { database, ctx } = await openContext(config);
  await seed(ctx, config.demo);
  const stopAnchors = anchors ? startAnchorSchedule(ctx.db, anchors) : () => {};
  if (anchors) console.log(`审计锚点：每 ${anchors.intervalMs / 60_000} 分钟写入 ${anchors.dir}`);
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    console.error(
      `[${new Date().toISOString()}] 工作进程 ${w.process.pid} 退出（${signal ?? code}），重新启动`,
    );
    cluster.fork();
  });
  console.log(`PostgreSQL，${workers} 个工作进程`);
  greet(config.demo);
  const shutdown = async () => {
    stopping = true;
    stopAnchors();
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (import.meta.url === `file://${process.argv[1]}`) await startServer();
