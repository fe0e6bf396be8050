import { isEmptyDatabase } from '../platform/db';
import { loadConfig, loadDemo, openContext } from '../server/bootstrap';
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
  audit verify            recompute the audit chain and compare every audited record
  audit reseal <entity> --reason <text>
                          after a migration changed an audited table's columns: record the
                          rows' new hashes in the chain, with the reason (refused on other problems)
  backup <file>           write a logical backup (JSON lines) of every table
  restore <file>          restore a backup into an empty database
  keys rotate             re-encrypt sensitive fields with the first key of BRANCHLINE_KEYS
`;

async function main(argv: string[]) {
  const [command, sub, ...rest] = argv;
  const config = loadConfig();
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return 0;
  }
  const { database, ctx } = await openContext(config);
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
        if (sub === 'verify') return await verifyCommand(ctx);
        if (sub === 'reseal') return await resealCommand(ctx, rest);
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

process.exitCode = await main(process.argv.slice(2));
