import { join } from 'node:path';
import type { AppContext } from '../platform/context';
import { loadKeyRing } from '../platform/crypto';
import { type Database, isEmptyDatabase, openDatabase } from '../platform/db';
import { loadConfig, loadDemo, openContext, type RuntimeConfig } from '../server/bootstrap';
import { acknowledgeCommand } from './acknowledge';
import { anchorCommand, anchorKeyCommand } from './anchor';
import { archiveCheckCommand, archiveCommand } from './archive';
import { backupCommand, restoreCommand } from './backup';
import { rotateKeysCommand } from './keys';
import { resealCommand } from './reseal';
import { rosterCommand } from './roster';
import { setupCommand } from './setup';
import { verifyCommand } from './verify';

const HELP = `Branchline command line (npm run cli -- <command>)

  migrate                 apply database migrations
  demo [--force]          load the demo section into an empty database
  setup --name <党委名称> --code <代码> [--established YYYY-MM-DD]
                          create a committee (tenant) with its administrator and the
                          system, security and audit administrators; prints initial passwords
  roster import --as <username> <file.xlsx>
                          import a roster (template columns) as that account, all or nothing
  roster export --as <username> <file.xlsx>
                          export the roster in that account's scope (sensitive columns masked)
  audit verify [--anchors <dir> [--public-key <file>]]
                          recompute every audit chain to its end and compare every audited
                          record (and, with --anchors, every signed anchor); exit 0 clean,
                          1 problems, 2 usage, 3 only acknowledged breaks
  audit anchor-key <file> make an Ed25519 anchor key (PKCS#8 PEM) and <file>.pub; prints the public key
  audit anchor --out <dir>
                          write every chain's head, signed with BRANCHLINE_ANCHOR_KEY, to a new file
  audit acknowledge --tenant <id> --seq <n> --reason <text>
  audit acknowledge --entity <entity> --id <row id> --reason <text>
                          record, in the chain, that a break or an outside change is known;
                          verify keeps listing it as acknowledged (exit 3), never as clean
  audit reseal prepare <entity> --columns <a,b>
                          BEFORE migrating (does not migrate): stage each row's hash without the
                          columns the migration changes
  audit reseal <entity> --migration <tag> --reason <text>
                          AFTER migrating: re-register the rows that differ only in those columns
  audit archive --tenant <id> --through <seq> --out <dir>
                          export a chain's older events and record the archive point
  audit archive-check <file>
                          recompute an archive file and find its archive point
  backup <file>           one consistent snapshot of every table and attachment file (JSON lines)
  restore <file>          restore a backup (rows and files) into an empty database
  keys rotate             re-encrypt sensitive fields with the first key of BRANCHLINE_KEYS
`;

async function main(argv: string[]) {
  const [command, sub, ...rest] = argv;
  const config = loadConfig();
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return 0;
  }
  if (command === 'audit' && sub === 'anchor-key') return anchorKeyCommand(rest);
  // Preparing a reseal comes BEFORE the migration, so it is the one command that doesn't migrate.
  const { database, ctx } =
    command === 'audit' && sub === 'reseal' && rest[0] === 'prepare'
      ? await openWithoutMigrating(config)
      : await openContext(config);
  try {
    switch (command) {
      case 'migrate':
        console.log('migrations applied');
        return 0;
      case 'demo': {
        if (!(await isEmptyDatabase(ctx.db)) && sub !== '--force') {
          console.error('database is not empty; demo data is loaded only into an empty database');
          return 1;
        }
        const t = Date.now();
        await loadDemo(ctx);
        console.log(`demo section loaded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
        return 0;
      }
      case 'audit':
        if (sub === 'verify') return await verifyCommand(ctx, rest);
        if (sub === 'anchor') return await anchorCommand(ctx, rest);
        if (sub === 'acknowledge') return await acknowledgeCommand(ctx, rest);
        if (sub === 'reseal') return await resealCommand(ctx, rest);
        if (sub === 'archive') return await archiveCommand(ctx, rest);
        if (sub === 'archive-check') return await archiveCheckCommand(ctx, rest);
        break;
      case 'backup':
        return await backupCommand(ctx, sub);
      case 'restore':
        return await restoreCommand(ctx, sub);
      case 'setup':
        return await setupCommand(
          ctx,
          [sub, ...rest].filter((a) => a !== undefined),
        );
      case 'roster':
        return await rosterCommand(
          ctx,
          [sub, ...rest].filter((a) => a !== undefined),
        );
      case 'keys':
        if (sub !== 'rotate') break;
        return await rotateKeysCommand(ctx);
    }
    console.error(`unknown command: ${[command, sub, ...rest].join(' ')}\n\n${HELP}`);
    return 2;
  } finally {
    await database.close();
  }
}

async function openWithoutMigrating(config: RuntimeConfig): Promise<{ database: Database; ctx: AppContext }> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: join(config.dataDir, 'pglite'),
  });
  const keys = loadKeyRing(join(config.dataDir, 'keys.json'));
  return { database, ctx: { db: database.db, keys, config: config.app } };
}

process.exitCode = await main(process.argv.slice(2));
