import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Executor, queryRows } from './db';

/**
 * Tenant settings: local practice of one committee, one section per module under `tenants.settings`.
 * A module declares its section as a zod schema whose defaults are the national (or common) practice;
 * reading never fails on an old or partial section (missing keys take their defaults), and writing
 * replaces only that module's section under a row lock, so two modules' settings never overwrite
 * each other.
 */
export interface SettingsSpec<S extends z.ZodType = z.ZodType> {
  /** The key under `tenants.settings`, usually the module name. */
  key: string;
  /** What the settings page calls this section. */
  label: string;
  /** Parses a stored section (or `{}`) into complete settings with defaults. */
  schema: S;
}

export const defineSettings = <S extends z.ZodType>(
  key: string,
  label: string,
  schema: S,
): SettingsSpec<S> => ({
  key,
  label,
  schema,
});

const parseJson = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/** A stored section that no longer parses (a rule changed shape) falls back key by key to the defaults. */
export function resolveSettings<S extends z.ZodType>(spec: SettingsSpec<S>, stored: unknown): z.output<S> {
  const raw = (parseJson(stored) ?? {}) as Record<string, unknown>;
  const whole = spec.schema.safeParse(raw);
  if (whole.success) return whole.data;
  const defaults = spec.schema.parse({}) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (spec.schema.safeParse({ ...defaults, ...kept, [k]: v }).success) kept[k] = v;
  }
  return spec.schema.parse({ ...defaults, ...kept });
}

export async function readSettings<S extends z.ZodType>(
  db: Executor,
  tenantId: string,
  spec: SettingsSpec<S>,
): Promise<z.output<S>> {
  const [row] = await queryRows<{ section: unknown }>(
    db,
    sql`select settings -> ${spec.key} as section from tenants where id = ${tenantId}`,
  );
  return resolveSettings(spec, row?.section);
}

/**
 * Replaces one module's section, inside the caller's transaction (which also writes the audit event).
 * The tenant row is locked first, so a concurrent change of the same section waits and then applies
 * its patch to what this one wrote.
 */
export async function writeSettings<S extends z.ZodType>(
  tx: Executor,
  tenantId: string,
  spec: SettingsSpec<S>,
  patch: (current: z.output<S>) => z.output<S>,
): Promise<{ before: z.output<S>; after: z.output<S> }> {
  const [row] = await queryRows<{ section: unknown }>(
    tx,
    sql`select settings -> ${spec.key} as section from tenants where id = ${tenantId} for update`,
  );
  const before = resolveSettings(spec, row?.section);
  const after = spec.schema.parse(patch(before)) as z.output<S>;
  await tx.execute(
    sql`update tenants set settings = jsonb_set(coalesce(settings, '{}'::jsonb), ${`{${spec.key}}`}::text[],
        ${JSON.stringify(after)}::jsonb, true) where id = ${tenantId}`,
  );
  return { before, after };
}
