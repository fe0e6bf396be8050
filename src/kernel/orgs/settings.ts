import { z } from 'zod';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { Executor } from '../../platform/db';
import { label } from '../../platform/labels';
import { allowed, deny, enforce, when } from '../../platform/policy';
import { defineSettings, readSettings, writeSettings } from '../../platform/settings';
import { decideManagerView } from './policy';
import { tenantEntity } from './tables';

/**
 * The committee's practice of terms (`tenants.settings.orgs`): 3 years by default (《支部工作条例》: 村、
 * 社区 5 years, other units 3), the superior reminded 6 months before a term ends.
 */
const fields = {
  termYears: label(z.union([z.literal(3), z.literal(5)], { error: '应为 3 或 5' }), '委员会任期（年）'),
  termReminderMonths: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1 个月').max(12, '最多 12 个月'),
    '换届提醒提前月数',
  ),
};

export const orgSettingsSchema = z.object({
  termYears: fields.termYears.default(3),
  termReminderMonths: fields.termReminderMonths.default(6),
});
export type OrgSettings = z.output<typeof orgSettingsSchema>;

export const orgSettingsBody = z
  .object(fields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, '至少修改一项');
export type OrgSettingsInput = z.infer<typeof orgSettingsBody>;
export const orgSettingsResponse = z.object({ termYears: z.number(), termReminderMonths: z.number() });

export const orgSettingsSpec = defineSettings('orgs', '组织', orgSettingsSchema);

export const loadOrgSettings = (db: Executor, tenantId: string): Promise<OrgSettings> =>
  readSettings(db, tenantId, orgSettingsSpec);

/** The committee (党委) at the tenant's root sets its practice. */
const decideUpdate = (actor: Actor) =>
  when(
    actor.adminRole === null &&
      actor.roles.some(
        (r) => r.role === 'committee_admin' && r.orgPath.split('/').filter(Boolean).length === 1,
      ),
    deny('任期设置由党委管理员修改'),
  );

export async function getOrgSettings(ctx: AppContext, actor: Actor): Promise<OrgSettings> {
  enforce(decideManagerView(actor));
  return loadOrgSettings(ctx.db, actor.tenantId);
}

export async function updateOrgSettings(ctx: AppContext, actor: Actor, patch: OrgSettingsInput) {
  enforce(decideUpdate(actor));
  return ctx.db.transaction(async (tx) => {
    const { before, after } = await writeSettings(tx, actor.tenantId, orgSettingsSpec, (current) => ({
      ...current,
      ...patch,
    }));
    await audit(tx, actor, {
      action: 'org.settings',
      target: { entity: tenantEntity, id: actor.tenantId },
      details: { from: before, to: after },
    });
    return after;
  });
}

export const mayUpdateOrgSettings = (actor: Actor): boolean => allowed(decideUpdate(actor));
