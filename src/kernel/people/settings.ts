import { z } from 'zod';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { Executor } from '../../platform/db';
import { label } from '../../platform/labels';
import { enforce } from '../../platform/policy';
import { defineSettings, readSettings, writeSettings } from '../../platform/settings';
import { tenantEntity } from '../orgs/api';
import { decideSecurityPolicy } from './policy';

/**
 * `tenants.settings.people`: who may export the roster with clear ID numbers, phones and addresses. By
 * default the committee level only (党委管理员); a committee may open it to general-branch admins, or to
 * branch secretaries too. It is security policy, so the security admin sets it (三员分立).
 */
export const EXPORT_CLEAR_LEVELS = ['committee', 'general_branch', 'branch'] as const;
export type ExportClearLevel = (typeof EXPORT_CLEAR_LEVELS)[number];

export const peopleSettingsSchema = z.object({
  exportClearLevel: label(
    z.enum(EXPORT_CLEAR_LEVELS, { error: '应为 committee、general_branch 或 branch' }).default('committee'),
    '可导出明文名册的层级',
  ),
});
export type PeopleSettings = z.output<typeof peopleSettingsSchema>;
export const peopleSettingsBody = peopleSettingsSchema.partial().strict();
export const peopleSettingsResponse = z.object({
  exportClearLevel: z.enum(EXPORT_CLEAR_LEVELS),
  editable: z.boolean(),
});
export type PeopleSettingsAnswer = z.infer<typeof peopleSettingsResponse>;

export const peopleSettings = defineSettings('people', '党员和职工', peopleSettingsSchema);

export const loadPeopleSettings = (db: Executor, tenantId: string): Promise<PeopleSettings> =>
  readSettings(db, tenantId, peopleSettings);

export async function getPeopleSettings(ctx: AppContext, actor: Actor): Promise<PeopleSettingsAnswer> {
  enforce(decideSecurityPolicy(actor));
  const s = await loadPeopleSettings(ctx.db, actor.tenantId);
  return { ...s, editable: true };
}

export async function updatePeopleSettings(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof peopleSettingsBody>,
): Promise<PeopleSettingsAnswer> {
  enforce(decideSecurityPolicy(actor));
  await ctx.db.transaction(async (tx) => {
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const { before, after } = await writeSettings(tx, actor.tenantId, peopleSettings, (current) => ({
      ...current,
      ...given,
    }));
    await audit(tx, actor, {
      action: 'person.settings',
      target: { entity: tenantEntity, id: actor.tenantId },
      details: { from: before, to: after },
    });
  });
  return getPeopleSettings(ctx, actor);
}
