import { fileURLToPath } from 'node:url';
import { anchorScheduleFromEnv, startAnchorSchedule } from '../platform/anchor';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../platform/demo';
import { buildApp } from './app';
import { loadConfig, openContext, seedIfEmpty } from './bootstrap';

export const WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

export async function startServer() {
  const config = loadConfig();
  // Misconfigured anchors (a directory without a key) stop the start, before anything is served.
  const anchors = anchorScheduleFromEnv();
  const { database, ctx } = await openContext(config);
  const started = Date.now();
  const seeded = await seedIfEmpty(ctx, config.demo);
  if (seeded === 'seeded')
    console.log(`已载入演示数据：海拉尔车务段党委（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  if (seeded === 'empty')
    console.log('数据库为空：用 npm run cli -- setup --name <党委名称> --code <代码> 创建党委和初始账号');
  const app = await buildApp({
    ctx,
    webDir: WEB_DIR,
    logger: process.env.BRANCHLINE_LOG === '1',
    trustProxy: config.trustProxy,
  });
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `Branchline 支部在线 已启动：http://localhost:${config.port}  (${database.kind === 'pglite' ? `PGlite ${config.dataDir}` : 'PostgreSQL'})`,
  );
  if (config.demo) {
    console.log(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(16)} ${a.label}`);
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

if (import.meta.url === `file://${process.argv[1]}`) await startServer();
