/**
 * Layers (docs/architecture.md): platform ← kernel ← modules ← server ← cli. A module reaches another
 * module or the kernel only through its api.ts (and, for types and labels, its contract.ts); tests are
 * composition and may reach anything. Run by `npm run lint`.
 */
const MOD = '^src/(kernel|modules)/([^/]+)/';
module.exports = {
  forbidden: [
    {
      name: 'platform-knows-no-module',
      comment: 'src/platform knows no module, no server and no command.',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(kernel|modules|server|cli|web)/' },
    },
    {
      name: 'kernel-below-modules',
      comment: 'The kernel never imports a module, the server or the command line.',
      severity: 'error',
      from: { path: '^src/kernel/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(modules|server|cli)/' },
    },
    {
      name: 'modules-below-server',
      comment:
        'Modules never import the server or the command line (AppContext, actorOf and the manifest type are in the platform).',
      severity: 'error',
      from: { path: '^src/modules/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'server-below-cli',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'other-modules-through-api',
      comment:
        'Another module (or kernel part) is reached only through its api.ts, or its contract.ts for types and labels.',
      severity: 'error',
      from: { path: MOD, pathNot: ['\\.test\\.ts$', '/authz\\.ts$', '/web/', '/tables\\.ts$'] },
      to: {
        path: '^src/(kernel|modules)/[^/]+/',
        pathNot: ['^src/(kernel|modules)/$2/', '^src/(kernel|modules)/[^/]+/(api|contract)\\.ts$'],
      },
    },
    {
      name: 'tables-reference-tables',
      comment:
        "tables.ts imports another module's tables.ts only, for foreign keys; queries read what api.ts exports.",
      severity: 'error',
      from: { path: `${MOD}tables\\.ts$` },
      to: { path: '^src/(kernel|modules)/[^/]+/', pathNot: ['^src/(kernel|modules)/$2/', '/tables\\.ts$'] },
    },
    {
      name: 'web-through-contracts',
      comment: "A module's pages use another module's contract.ts (types, labels) and web/ parts only.",
      severity: 'error',
      from: { path: '^src/(kernel|modules)/([^/]+)/web/' },
      to: {
        path: '^src/(kernel|modules)/([^/]+)/',
        pathNot: ['^src/(kernel|modules)/$2/', '^src/(kernel|modules)/[^/]+/(contract|rules|web/.*)\\.tsx?$'],
      },
    },
    {
      name: 'web-never-server-code',
      comment: 'The browser bundle never imports server-side code.',
      severity: 'error',
      from: { path: '(^src/web/|/web/)' },
      to: {
        path: '(^src/(server|cli)/|^src/(kernel|modules)/[^/]+/[^/]*(service|routes|tables|demo|api)\\.ts$|^src/platform/(db|audit|context|registry|settings|upgrade|verify)\\.ts$)',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.tsx$' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    moduleSystems: ['es6'],
  },
};
