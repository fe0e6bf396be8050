import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type AuditedEntity, recordAudit, rowHashSql } from '../platform/audit';
import { groupBy } from '../platform/collections';
import type { AppContext } from '../platform/context';
import { type Executor, MIGRATIONS_DIR, queryRows, uuidList } from '../platform/db';
import { newId } from '../platform/ids';
import { auditedEntities, moduleVerifiers } from '../platform/registry';
import { verifyAudit } from '../platform/verify';
import { cliActor, parseArgs, reasonOf } from './args';
import { isApplied, mentions, pendingMigrations, shippedMigrations } from './migrations';
import { printProblems } from './verify';

export const PREPARE_ACTION = 'audit.reseal_prepare';
export const RESEAL_ACTION = 'audit.reseal';

const USAGE = `usage:
  audit reseal prepare <entity> --columns <a,b> [--reason <text>]
      BEFORE migrating (the new version installed, \`migrate\` not yet run): records, for every row that
      matches its audit event, the hash of the row without the columns the migration will change
  audit reseal <entity> --migration <tag> --reason <text>
      AFTER \`migrate\`: re-registers the rows whose only difference is in those columns`;

export interface ResealOptions {
  /** The migrations folder of this version (tests use their own). */
  migrationsDir?: string;
}

const usage = (message?: string) => {
  console.error(
    `${message ? `${message}\n` : ''}${USAGE}\nentities: ${auditedEntities()
      .map((e) => e.entity)
      .join(', ')}`,
  );
  return 2;
};

/** The row's hash without the given columns, by the same rule as the chain's row hash. */
const hashWithoutSql = (entity: AuditedEntity, columns: readonly string[]) =>
  rowHashSql('t', { ...entity, hashExclude: [...(entity.hashExclude ?? []), ...columns] });

const digestOf = (rows: { row_id: string; event_seq: string | number; hash_without: string }[]) =>
  createHash('sha256')
    .update(
      rows
        .map((r) => `${r.row_id}:${Number(r.event_seq)}:${r.hash_without}`)
        .sort()
        .join('\n'),
    )
    .digest('hex');

export async function resealCommand(
  ctx: AppContext,
  args: readonly string[],
  options: ResealOptions = {},
): Promise<number> {
  const dir = options.migrationsDir ?? MIGRATIONS_DIR;
  if (args[0] === 'prepare') return prepare(ctx, args.slice(1), dir);
  return reseal(ctx, args, dir);
}

/**
 * Phase one, before the migration: for each row of the entity whose current hash is its latest event's
 * content hash, the hash of the row without the named columns goes into `audit_reseal_staging`, and one
 * `audit.reseal_prepare` event per chain pins those rows with a digest. A row that already differs from its
 * event is not staged, so no reseal can ever cover it.
 */
async function prepare(ctx: AppContext, args: readonly string[], dir: string): Promise<number> {
  const flags = parseArgs(args);
  const [name] = flags.positional;
  const entity = auditedEntities().find((e) => e.entity === name);
  const columns = (flags.get('columns') ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (!entity) return usage(name ? `unknown entity ${name}` : undefined);
  if (!columns.length || columns.some((c) => !/^[a-z_][a-z0-9_]*$/.test(c)))
    return usage('--columns: the column names the migration adds, drops or changes, comma-separated');
  const reason = flags.get('reason');
  if (reason !== undefined && reasonOf(reason).error) return usage(reasonOf(reason).error);
  const pending = await pendingMigrations(ctx.db, dir);
  if (!pending.length) {
    console.error(
      'refused: this database has no pending migration. Run `audit reseal prepare` with the new version installed and BEFORE `npm run cli -- migrate` (prepare itself never migrates).',
    );
    return 1;
  }
  const prepareId = newId();
  const result = await ctx.db.transaction(async (tx) => {
    await ensureStagingTable(tx);
    const rows = await queryRows<{
      row_id: string;
      tenant_id: string;
      event_seq: string | number;
      hash_without: string;
    }>(
      tx,
      sql`with latest as (
            select distinct on (entity_id) entity_id, tenant_id, seq, content_hash
            from audit_events where entity = ${entity.entity} order by entity_id, seq desc
          )
          select t.id as row_id, latest.tenant_id, latest.seq as event_seq, ${hashWithoutSql(entity, columns)} as hash_without
          from ${sql.identifier(entity.table)} t join latest on latest.entity_id = t.id
          where latest.content_hash = ${rowHashSql('t', entity)}`,
    );
    const [{ n }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from ${sql.identifier(entity.table)}`,
    );
    const now = new Date();
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await tx.execute(sql`insert into audit_reseal_staging (prepare_id, tenant_id, entity, row_id, event_seq, hash_without, prepared_at)
        values ${sql.join(
          chunk.map(
            (r) =>
              sql`(${prepareId}, ${r.tenant_id}, ${entity.entity}, ${r.row_id}, ${Number(r.event_seq)}, ${r.hash_without}, ${now.toISOString()})`,
          ),
          sql`, `,
        )}`);
    }
    for (const [tenantId, list] of groupBy(rows, (r) => r.tenant_id)) {
      await recordAudit(tx, {
        tenantId,
        actor: cliActor('audit reseal prepare'),
        action: PREPARE_ACTION,
        details: {
          prepareId,
          entity: entity.entity,
          columns,
          pending: pending.map((m) => m.tag),
          rows: list.length,
          digest: digestOf(list),
          ...(reason ? { reason: reason.trim() } : {}),
        },
      });
    }
    return { staged: rows.length, total: n };
  });
  console.log(
    `prepared ${result.staged} of ${result.total} ${entity.entity} rows for a change of ${columns.join(', ')} (pending: ${pending
      .map((m) => m.tag)
      .join(', ')}); prepare id ${prepareId}`,
  );
  if (result.staged < result.total)
    console.error(
      `${result.total - result.staged} rows already differ from their audit record: they are not staged and stay flagged`,
    );
  console.log(
    `next: npm run cli -- migrate, then audit reseal ${entity.entity} --migration <tag> --reason "<why>"`,
  );
  return 0;
}

/**
 * The staging table comes with migration 0011; a database that hasn't run it yet (preparing for the very
 * upgrade that brings it) gets it here, from the same file (its statements are IF NOT EXISTS).
 */
async function ensureStagingTable(tx: Executor) {
  const ddl = readFileSync(join(MIGRATIONS_DIR, `${STAGING_MIGRATION}.sql`), 'utf8');
  for (const statement of ddl.split('--> statement-breakpoint')) await tx.execute(sql.raw(statement));
}
const STAGING_MIGRATION = '0011_audit_reseal_staging';

interface PrepareEvent {
  tenant_id: string;
  seq: string | number;
  details: { prepareId: string; columns: string[]; pending: string[]; rows: number; digest: string } | string;
}

/**
 * Phase two, after the migration: refused unless the named migration shipped with this version, was
 * pending when the rows were prepared, is applied from exactly that file now, and names the table and the
 * prepared columns; and refused while verify finds anything else. Then it re-registers, with
 * `audit.reseal` naming the migration, exactly the rows whose hash without those columns is what it was
 * and whose latest event is the one they had when prepared. Every other changed row stays flagged.
 */
async function reseal(ctx: AppContext, args: readonly string[], dir: string): Promise<number> {
  const flags = parseArgs(args);
  const [name] = flags.positional;
  const entity = auditedEntities().find((e) => e.entity === name);
  const { reason, error } = reasonOf(flags.get('reason'));
  const tag = flags.get('migration');
  if (!entity || error || !tag)
    return usage(
      !entity ? undefined : (error ?? '--migration: the tag of the migration, e.g. 0009_talks_reviewed'),
    );
  const refuse = (message: string) => {
    console.error(`refused: ${message}`);
    return 1;
  };

  const preparation = await loadPreparation(ctx.db, entity);
  if (typeof preparation === 'string') return refuse(preparation);
  const { prepareId, events, columns } = preparation;
  const refusal = await migrationRefusal(ctx.db, dir, tag, entity, columns, events);
  if (refusal) return refuse(refusal);

  const report = await verifyAudit(ctx.db, moduleVerifiers(ctx));
  const others = report.problems.filter((p) => !(p.kind === 'row_changed' && p.entity === entity.entity));
  if (others.length) {
    printProblems(others);
    return refuse(`audit verify finds ${others.length} other problems; resolve or acknowledge them first`);
  }
  const staged = await queryRows<StagedRow>(
    ctx.db,
    sql`select tenant_id, row_id, event_seq, hash_without from audit_reseal_staging where prepare_id = ${prepareId}`,
  );
  const tampered = stagingRefusal(staged, events);
  if (tampered) return refuse(tampered);

  const changed = report.problems.filter((p) => p.kind === 'row_changed');
  const { eligible, flagged } = await partition(
    ctx.db,
    entity,
    columns,
    changed.map((p) => p.entityId!),
    staged,
  );
  const previous = new Map(changed.map((p) => [p.entityId, p.hash ?? null]));
  await ctx.db.transaction(async (tx) => {
    for (const [tenantId, list] of groupBy(eligible, (r) => r.tenantId)) {
      await recordAudit(
        tx,
        list.map(({ id }) => ({
          tenantId,
          actor: cliActor('audit reseal'),
          action: RESEAL_ACTION,
          target: { entity, id },
          details: { migration: tag, columns, reason, prepareId, previousHash: previous.get(id) ?? null },
        })),
      );
    }
    await tx.execute(sql`delete from audit_reseal_staging where prepare_id = ${prepareId}`);
  });
  console.log(
    `resealed ${eligible.length} ${entity.entity} rows after migration ${tag} (${columns.join(', ')}): ${reason}`,
  );
  for (const f of flagged) console.error(`FLAGGED ${entity.entity} ${f.id}: ${f.why}`);
  if (flagged.length) {
    console.error(`${flagged.length} rows stay flagged: audit verify keeps reporting them`);
    return 1;
  }
  return 0;
}

interface StagedRow {
  tenant_id: string;
  row_id: string;
  event_seq: string | number;
  hash_without: string;
}

type Preparation = {
  prepareId: string;
  columns: string[];
  events: (Omit<PrepareEvent, 'details'> & { details: Exclude<PrepareEvent['details'], string> })[];
};

/** The latest preparation of the entity and its audit events, or why there is none to use. */
async function loadPreparation(db: Executor, entity: AuditedEntity): Promise<Preparation | string> {
  const [latest] = await queryRows<{ prepare_id: string }>(
    db,
    sql`select prepare_id from audit_reseal_staging where entity = ${entity.entity}
        group by prepare_id order by max(prepared_at) desc limit 1`,
  );
  if (!latest)
    return `no preparation for ${entity.entity}. \`audit reseal prepare ${entity.entity} --columns …\` must run before the migration; rows changed since can't be told from edits outside the application`;
  const events = (
    await queryRows<PrepareEvent>(
      db,
      sql`select tenant_id, seq, details from audit_events where action = ${PREPARE_ACTION} and details->>'prepareId' = ${latest.prepare_id}`,
    )
  ).map((e) => ({ ...e, details: typeof e.details === 'string' ? JSON.parse(e.details) : e.details }));
  if (!events.length)
    return `the preparation ${latest.prepare_id} has no audit.reseal_prepare event (staging rows made outside the command)`;
  return { prepareId: latest.prepare_id, events, columns: events[0].details.columns };
}

/** The staged rows of each chain must still match the count and digest its prepare event recorded. */
function stagingRefusal(staged: StagedRow[], events: Preparation['events']): string | null {
  const byTenant = groupBy(staged, (r) => r.tenant_id);
  for (const e of events) {
    const rows = byTenant.get(e.tenant_id) ?? [];
    if (rows.length !== e.details.rows || digestOf(rows) !== e.details.digest)
      return `the staged rows of chain ${e.tenant_id} no longer match the digest in its audit.reseal_prepare event ${Number(e.seq)}: audit_reseal_staging was changed`;
  }
  return null;
}

/** Which changed rows differ only in the prepared columns (and only since the preparation). */
async function partition(
  db: Executor,
  entity: AuditedEntity,
  columns: string[],
  changed: string[],
  staged: StagedRow[],
): Promise<{ eligible: { tenantId: string; id: string }[]; flagged: { id: string; why: string }[] }> {
  const current = changed.length
    ? await queryRows<{ id: string; hash_without: string; seq: string | number }>(
        db,
        sql`select t.id, ${hashWithoutSql(entity, columns)} as hash_without,
              (select max(seq) from audit_events e where e.entity = ${entity.entity} and e.entity_id = t.id) as seq
            from ${sql.identifier(entity.table)} t where t.id in (${uuidList(changed)})`,
      )
    : [];
  const stagedById = new Map(staged.map((r) => [r.row_id, r]));
  const eligible: { tenantId: string; id: string }[] = [];
  const flagged: { id: string; why: string }[] = [];
  for (const row of current) {
    const s = stagedById.get(row.id);
    if (!s) flagged.push({ id: row.id, why: 'not prepared (it already differed from its audit record)' });
    else if (Number(s.event_seq) !== Number(row.seq))
      flagged.push({ id: row.id, why: 'changed through the application after the preparation' });
    else if (s.hash_without !== row.hash_without)
      flagged.push({ id: row.id, why: `differs in columns other than ${columns.join(', ')}` });
    else eligible.push({ tenantId: s.tenant_id, id: row.id });
  }
  return { eligible, flagged };
}

async function migrationRefusal(
  db: Executor,
  dir: string,
  tag: string,
  entity: AuditedEntity,
  columns: string[],
  events: { details: { pending: string[] } }[],
): Promise<string | null> {
  const migration = shippedMigrations(dir).find((m) => m.tag === tag);
  if (!migration) return `${tag} is not a migration of this version (migrations/meta/_journal.json)`;
  if (!events.every((e) => e.details.pending.includes(tag)))
    return `${tag} was not pending when the rows were prepared: the preparation must come before the migration`;
  if (!(await isApplied(db, migration)))
    return `${tag} is not applied from this file (drizzle.__drizzle_migrations): run \`npm run cli -- migrate\``;
  const missing = [entity.table, ...columns].filter((n) => !mentions(migration, n));
  if (missing.length)
    return `${tag} doesn't name ${missing.join(', ')}: it is not the migration that changed these columns`;
  return null;
}
