import cluster from 'node:cluster';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, WEB_DIR } from '../server/main';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.(tsx?|css|html)$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app when it is missing or older than its sources, then serves UI and API, in one process
 * or, with BRANCHLINE_WORKERS and PostgreSQL, several (src/server/main.ts).
 */
async function main() {
  const index = join(WEB_DIR, 'index.html');
  const stale = !existsSync(index) || statSync(index).mtimeMs < newestMtime(join(ROOT, 'src'));
  // Several processes (BRANCHLINE_WORKERS): the primary builds, the workers it starts serve.
  // A build named by WEB_DIR is served as it is: `npm start` only builds its own dist/web.
  const own = !process.env.WEB_DIR;
  if (stale && own && cluster.isPrimary && process.env.BRANCHLINE_SKIP_BUILD !== '1') {
    console.log('正在构建网页端（首次启动或代码有更新）…');
    const { build } = await import('vite');
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  await startServer();
}

await main();
