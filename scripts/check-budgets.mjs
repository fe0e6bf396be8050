#!/usr/bin/env node
/**
 * The build's byte budgets (issue 10 §1), checked after `vite build` by `npm run build`.
 *
 *   login page    the entry (index.html's script and everything it imports statically) and the login
 *                 page's chunk with its static imports: what a phone downloads before the login form shows;
 *   shell + home  the same for the signed-in shell and the home page, charts excluded (they load with the
 *                 first chart that comes near the screen, src/web/components/EChart.tsx);
 *   charts        never a static import of either: a chunk holding ECharts there fails the build.
 *
 * Each has the issue's target and a ceiling. Over the ceiling the build fails (nothing may grow past
 * today's size unnoticed); over the target it says by how much and which chunks weigh most. `--strict`
 * fails over the target too (for when the pages have been brought under it). The home page with its API
 * answers (target 250 KB) is measured in a browser by bench/web.ts. Sizes are gzip -9 of the built files;
 * brotli (what the server sends a browser) is shown beside them.
 *
 *   node scripts/check-budgets.mjs [--strict] [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const OUT = process.env.BUDGET_DIR ?? join(import.meta.dirname, '..', 'dist', 'web');
const KB = 1024;
export const BUDGETS = [
  {
    name: 'login page',
    routes: ['src/web/pages/Login.tsx'],
    target: 150 * KB,
    // 2026-12-02: 71 KB (React and the page's plain elements; no antd, router or query library).
    ceiling: 90 * KB,
  },
  {
    name: 'shell + home',
    routes: ['src/web/App.tsx', 'src/web/Shell.tsx', 'src/web/pages/Home.tsx'],
    // The home page's 250 KB with its API answers, less about 50 KB of answers.
    target: 200 * KB,
    ceiling: 320 * KB,
  },
];

const strict = process.argv.includes('--strict');
const manifest = JSON.parse(readFileSync(join(OUT, '.vite', 'manifest.json'), 'utf8'));
const sizes = new Map();
const sizeOf = (file) => {
  if (!sizes.has(file)) {
    const data = readFileSync(join(OUT, file));
    sizes.set(file, { gzip: gzipSync(data, { level: 9 }).length, brotli: brotliCompressSync(data).length });
  }
  return sizes.get(file);
};

/** The chunk and every chunk it imports statically, transitively (what loads with it). */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  const chunk = manifest[key];
  if (!chunk)
    throw new Error(`${key} is not in the build manifest (renamed? update scripts/check-budgets.mjs)`);
  seen.add(key);
  for (const dep of chunk.imports ?? []) closure(dep, seen);
  return seen;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry && k.endsWith('index.html'));
const isChart = (k) => /(^|\/)(charts|echarts|zrender)[-/.]/i.test(`${k} ${manifest[k].file}`);
const results = BUDGETS.map((b) => {
  const keys = new Set();
  for (const k of [entry, ...b.routes]) for (const c of closure(k)) keys.add(c);
  const files = [...keys].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  const gzip = files.reduce((s, f) => s + sizeOf(f).gzip, 0);
  const brotli = files.reduce((s, f) => s + sizeOf(f).brotli, 0);
  const heaviest = files
    .map((f) => ({ file: f, gzip: sizeOf(f).gzip }))
    .sort((a, c) => c.gzip - a.gzip)
    .slice(0, 5);
  const chartChunks = [...keys].filter(isChart);
  const overTarget = gzip > b.target;
  const failed = gzip > b.ceiling || chartChunks.length > 0 || (strict && overTarget);
  return { ...b, files: files.length, gzip, brotli, heaviest, chartChunks, overTarget, failed };
});

if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
else {
  const kb = (n) => `${(n / KB).toFixed(1)} KB`;
  for (const r of results) {
    const verdict = r.failed ? 'FAILED' : r.overTarget ? `over target by ${kb(r.gzip - r.target)}` : 'ok';
    console.log(
      `budget ${r.name.padEnd(13)} ${kb(r.gzip).padStart(9)} gzip (${kb(r.brotli)} br) JS in ${r.files} files;` +
        ` target ${kb(r.target)}, ceiling ${kb(r.ceiling)}: ${verdict}`,
    );
    if (r.overTarget)
      console.log(`  heaviest: ${r.heaviest.map((h) => `${h.file} ${kb(h.gzip)}`).join(', ')}`);
    if (r.chartChunks.length) console.log(`  charts load eagerly with it: ${r.chartChunks.join(', ')}`);
  }
}
if (results.some((r) => r.failed)) {
  console.error('A page is over its byte budget (scripts/check-budgets.mjs; docs/performance.md, "Bytes").');
  process.exit(1);
}
