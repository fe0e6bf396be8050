import { sql } from 'drizzle-orm';
import { managedRoot, tenantEntity } from '../../kernel/orgs/api';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { enforce } from '../../platform/policy';
import { defineSettings, readSettings, resolveSettings, writeSettings } from '../../platform/settings';
import { type SafetySettingsAnswer, type SettingsInput, safetySettingsSchema } from './contract';
import { canEditSafetySettings, seesSafetyData } from './policy';
import type { SafetySettings } from './rules';

/** `tenants.settings.safety`: local practice, each key defaulting to the common practice (rules.ts). */
export const safetySettings = defineSettings('safety', '安全生产', safetySettingsSchema);

export const loadSafetySettings = (db: Executor, tenantId: string): Promise<SafetySettings> =>
  readSettings(db, tenantId, safetySettings);

/** The safety section of a tenant's whole settings object; anything missing or malformed takes its default. */
export const resolveSafetySettings = (tenantSettings: unknown): SafetySettings =>
  resolveSettings(
    safetySettings,
    tenantSettings && typeof tenantSettings === 'object'
      ? (tenantSettings as Record<string, unknown>).safety
      : undefined,
  );

/** The path of the tenant's committee, whose administrators edit the settings. */
export async function committeePath(db: Executor, tenantId: string): Promise<string | undefined> {
  const [committee] = await queryRows<{ path: string }>(
    db,
    sql`select path from orgs where tenant_id = ${tenantId} and type = 'committee' and parent_id is null limit 1`,
  );
  return committee?.path;
}

export async function getSettings(ctx: AppContext, actor: Actor): Promise<SafetySettingsAnswer> {
  enforce(seesSafetyData(actor));
  const root = await managedRoot(ctx.db, actor);
  const s = await loadSafetySettings(ctx.db, actor.tenantId);
  const editable = canEditSafetySettings(actor, await committeePath(ctx.db, actor.tenantId)).ok;
  return { ...s, editable, scope: root.name };
}

export async function updateSettings(ctx: AppContext, actor: Actor, input: SettingsInput) {
  await ctx.db.transaction(async (tx) => {
    enforce(canEditSafetySettings(actor, await committeePath(tx, actor.tenantId)));
    for (const key of ['categories', 'severities'] as const) {
      const list = input[key];
      if (list && new Set(list.map((c) => c.code)).size !== list.length)
        throw invalid({ [key]: '代码不能重复' });
    }
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    await writeSettings(tx, actor.tenantId, safetySettings, (current) => ({ ...current, ...given }));
    await audit(tx, actor, {
      action: 'safety.settings',
      target: { entity: tenantEntity, id: actor.tenantId },
      details: { changed: Object.keys(given) },
    });
  });
  return getSettings(ctx, actor);
}
