import { join, resolve } from 'node:path';
import type { AppConfig, AppContext } from '../platform/context';
import { loadKeyRing } from '../platform/crypto';
import { todayLocal } from '../platform/dates';
import { type Database, isEmptyDatabase, migrateDatabase, openDatabase } from '../platform/db';
import type { DemoState } from '../platform/demo';
import { newId } from '../platform/ids';
import { Rng } from '../platform/random';
import { auditedEntities, installedModules } from '../platform/registry';
import { upgradeRowHashes } from '../platform/upgrade';
import type { TrustProxy } from './app';
import './modules';

export interface RuntimeConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  demo: boolean;
  /** Fastify's trustProxy: which X-Forwarded-For hops to believe (the login limit and audit IPs use them). */
  trustProxy: TrustProxy;
  app: AppConfig;
}

/** `BRANCHLINE_TRUST_PROXY`: unset or 0 → none; a number → that many hops; otherwise addresses/CIDRs. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  if (!value || value === '0') return false;
  if (!/^\d+$/.test(value)) return value;
  const hops = Number(value);
  return (_address: string, hop: number) => hop < hops;
}

export function loadConfig(env = process.env): RuntimeConfig {
  const dataDir = resolve(env.BRANCHLINE_DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    demo: env.BRANCHLINE_DEMO !== '0',
    trustProxy: parseTrustProxy(env.BRANCHLINE_TRUST_PROXY),
    app: {
      demoMode: env.BRANCHLINE_DEMO !== '0',
      filesDir: join(dataDir, 'files'),
      secureCookies: env.BRANCHLINE_SECURE_COOKIES === '1',
      loginRateLimitPerMinute: Number(env.BRANCHLINE_LOGIN_RATE_LIMIT ?? 120),
    },
  };
}

export async function openContext(config: RuntimeConfig): Promise<{ database: Database; ctx: AppContext }> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: join(config.dataDir, 'pglite'),
  });
  await migrateAndUpgrade(database);
  const keys = loadKeyRing(join(config.dataDir, 'keys.json'));
  return { database, ctx: { db: database.db, keys, config: config.app } };
}

/** SQL migrations, then the data upgrades that follow them (once each). */
export async function migrateAndUpgrade(database: Database): Promise<void> {
  await migrateDatabase(database);
  await upgradeRowHashes(database.db, auditedEntities());
}

export const DEMO_SEED = 20171206;

/** Loads the demo section (海拉尔车务段党委) through every module's demo step, dependencies first. */
export async function loadDemo(
  ctx: AppContext,
  options: { seed?: number; today?: string; now?: Date } = {},
): Promise<DemoState> {
  const today = options.today ?? todayLocal(options.now);
  const now = options.now ?? (options.today ? new Date(`${options.today}T10:00:00+08:00`) : new Date());
  const state: DemoState = {
    rng: new Rng(options.seed ?? DEMO_SEED),
    tenantId: newId(),
    today,
    now,
    committeeId: '',
    demoGeneralId: '',
    demoBranchId: '',
    orgs: [],
    people: [],
    holders: {},
    system: { id: null, name: '演示数据生成器', ip: null },
  };
  await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx as unknown as AppContext['db'] };
    for (const mod of installedModules()) if (mod.demo) await mod.demo(txCtx, state);
  });
  return state;
}

export async function seedIfEmpty(ctx: AppContext, demo: boolean): Promise<'seeded' | 'existing' | 'empty'> {
  if (!(await isEmptyDatabase(ctx.db))) return 'existing';
  if (!demo) return 'empty';
  await loadDemo(ctx);
  return 'seeded';
}
