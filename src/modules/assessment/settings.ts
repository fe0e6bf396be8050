import { sql } from 'drizzle-orm';
import { tenantEntity } from '../../kernel/orgs/api';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { enforce } from '../../platform/policy';
import { defineSettings, readSettings, writeSettings } from '../../platform/settings';
import {
  type AssessmentSettings,
  assessmentSettingsSchema,
  type SettingsAnswer,
  type SettingsBody,
} from './contract';
import { canEditSettings, viewsAssessment } from './policy';

/**
 * `tenants.settings.assessment`: ranking and star levels, both off by default (DOMAIN §6: rankings are
 * optional and off by default; no forced points).
 */
export const assessmentSettings = defineSettings('assessment', '考核评比', assessmentSettingsSchema);

export const loadAssessmentSettings = (db: Executor, tenantId: string): Promise<AssessmentSettings> =>
  readSettings(db, tenantId, assessmentSettings);

/** The path of the tenant's committee, whose administrators edit the settings. */
export async function committeePath(db: Executor, tenantId: string): Promise<string | undefined> {
  const [c] = await queryRows<{ path: string }>(
    db,
    sql`select path from orgs where tenant_id = ${tenantId} and type = 'committee' and parent_id is null limit 1`,
  );
  return c?.path;
}

export async function getSettings(ctx: AppContext, actor: Actor): Promise<SettingsAnswer> {
  enforce(viewsAssessment(actor));
  const s = await loadAssessmentSettings(ctx.db, actor.tenantId);
  const editable = canEditSettings(actor, await committeePath(ctx.db, actor.tenantId)).ok;
  return { ...s, editable };
}

export async function updateSettings(
  ctx: AppContext,
  actor: Actor,
  input: SettingsBody,
): Promise<SettingsAnswer> {
  await ctx.db.transaction(async (tx) => {
    enforce(canEditSettings(actor, await committeePath(tx, actor.tenantId)));
    if (input.starLevels && new Set(input.starLevels.map((l) => l.stars)).size !== input.starLevels.length)
      throw invalid({ starLevels: '星级标准：同一星级不能设置两次' });
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const { before, after } = await writeSettings(tx, actor.tenantId, assessmentSettings, (current) => ({
      ...current,
      ...given,
    }));
    await audit(tx, actor, {
      action: 'assessment.settings',
      target: { entity: tenantEntity, id: actor.tenantId },
      details: { from: before, to: after },
    });
  });
  return getSettings(ctx, actor);
}
