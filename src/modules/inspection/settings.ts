import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { tenantEntity } from '../../kernel/orgs/api';
import { type Actor, pathsWithRole } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { label } from '../../platform/labels';
import { type Decision, enforce, when } from '../../platform/policy';
import { defineSettings, readSettings, writeSettings } from '../../platform/settings';
import type { InspectionSettings, InspectionSettingsBody } from './contract';
import { viewsInspections } from './policy';

/**
 * `tenants.settings.inspection`: local practice of the committee. No regulation sets how long a branch
 * has to rectify or how far back an online inspection reads; these are the common defaults.
 */
export const inspectionSettingsSpec = defineSettings(
  'inspection',
  '网上检查',
  z.object({
    rectifyDays: label(z.number().int().min(1).max(365).default(30), '默认整改期限（天）'),
    recordMonths: label(z.number().int().min(1).max(24).default(3), '网上检查默认查阅月数'),
  }),
);
export type InspectionSettingsValue = z.output<typeof inspectionSettingsSpec.schema>;

export const loadInspectionSettings = (db: Executor, tenantId: string): Promise<InspectionSettingsValue> =>
  readSettings(db, tenantId, inspectionSettingsSpec);

async function committeePath(db: Executor, tenantId: string): Promise<string | undefined> {
  const [c] = await queryRows<{ path: string }>(
    db,
    sql`select path from orgs where tenant_id = ${tenantId} and type = 'committee' and parent_id is null limit 1`,
  );
  return c?.path;
}

/** The committee's administrators set the defaults. */
export const canEditInspectionSettings = (actor: Actor, committee: string | undefined): Decision =>
  when(
    actor.adminRole === null && !!committee && pathsWithRole(actor, ['committee_admin']).includes(committee),
    { ok: false, status: 403, message: '只有党委管理员可以修改检查设置' },
  );

export async function getInspectionSettings(ctx: AppContext, actor: Actor): Promise<InspectionSettings> {
  enforce(viewsInspections(actor));
  const s = await loadInspectionSettings(ctx.db, actor.tenantId);
  const editable = canEditInspectionSettings(actor, await committeePath(ctx.db, actor.tenantId)).ok;
  return { ...s, editable };
}

export async function updateInspectionSettings(ctx: AppContext, actor: Actor, input: InspectionSettingsBody) {
  await ctx.db.transaction(async (tx) => {
    enforce(canEditInspectionSettings(actor, await committeePath(tx, actor.tenantId)));
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    await writeSettings(tx, actor.tenantId, inspectionSettingsSpec, (current) => ({ ...current, ...given }));
    await audit(tx, actor, {
      action: 'inspection.settings',
      target: { entity: tenantEntity, id: actor.tenantId },
      details: { changed: Object.keys(given) },
    });
  });
  return getInspectionSettings(ctx, actor);
}
