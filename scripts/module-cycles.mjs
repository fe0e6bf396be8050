// Module-level dependency cycles (kernel parts and modules as folders), from dependency-cruiser's graph.
// A file-level cycle check misses A/x → B/api → B/y → A/api; this one sees modules, not files.
import { execFileSync } from 'node:child_process';

let out;
try {
  out = execFileSync(
    'npx',
    ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json', '--no-progress'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
} catch (e) {
  // Rule violations make depcruise exit non-zero; the graph is still complete (the rules are checked apart).
  out = e.stdout;
}
const moduleOf = (path) => /^src\/(kernel|modules)\/([^/]+)\//.exec(path)?.slice(1, 3).join('/');
const isProduction = (path) => !/\.test\.ts$|\/authz\.ts$/.test(path);
const edges = new Map();
for (const m of JSON.parse(out).modules) {
  const from = moduleOf(m.source);
  if (!from || !isProduction(m.source)) continue;
  for (const d of m.dependencies) {
    const to = moduleOf(d.resolved);
    if (to && to !== from) {
      if (!edges.has(from)) edges.set(from, new Map());
      edges.get(from).set(to, `${m.source} → ${d.resolved}`);
    }
  }
}
const cycles = [];
const state = new Map();
const visit = (node, path) => {
  if (state.get(node) === 'done') return;
  if (state.get(node) === 'open') {
    cycles.push([...path.slice(path.indexOf(node)), node]);
    return;
  }
  state.set(node, 'open');
  for (const next of edges.get(node)?.keys() ?? []) visit(next, [...path, node]);
  state.set(node, 'done');
};
for (const node of edges.keys()) visit(node, []);
for (const cycle of cycles) {
  console.error(`module cycle: ${cycle.join(' → ')}`);
  for (let i = 0; i < cycle.length - 1; i++) console.error(`    ${edges.get(cycle[i]).get(cycle[i + 1])}`);
}
if (cycles.length) process.exit(1);
console.log(`no module cycles (${edges.size} modules)`);
