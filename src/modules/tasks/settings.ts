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
import type { TasksSettings, TasksSettingsBody } from './contract';
import { viewsTasks } from './policy';

/**
 * `tenants.settings.tasks`: local practice of the committee. No regulation sets how early a branch is
 * reminded or how long a task usually runs; these are the common defaults.
 */
export const tasksSettingsSpec = defineSettings(
  'tasks',
  '督办',
  z.object({
    remindDays: label(z.number().int().min(0).max(30).default(3), '默认提前提醒天数'),
    dueDays: label(z.number().int().min(1).max(180).default(7), '默认办理期限（天）'),
  }),
);
export type TasksSettingsValue = z.output<typeof tasksSettingsSpec.schema>;

export const loadTasksSettings = (db: Executor, tenantId: string): Promise<TasksSettingsValue> =>
  readSettings(db, tenantId, tasksSettingsSpec);

async function committeePath(db: Executor, tenantId: string): Promise<string | undefined> {
  const [c] = await queryRows<{ path: string }>(
    db,
    sql`select path from orgs where tenant_id = ${tenantId} and type = 'committee' and parent_id is null limit 1`,
  );
  return c?.path;
}

/** The committee's administrators set the defaults. */
export const canEditTasksSettings = (actor: Actor, committee: string | undefined): Decision =>
  when(
    actor.adminRole === null && !!committee && pathsWithRole(actor, ['committee_admin']).includes(committee),
    { ok: false, status: 403, message: '只有党委管理员可以修改督办设置' },
  );

export async function getTasksSettings(ctx: AppContext, actor: Actor): Promise<TasksSettings> {
  enforce(viewsTasks(actor));
  const s = await loadTasksSettings(ctx.db, actor.tenantId);
  const editable = canEditTasksSettings(actor, await committeePath(ctx.db, actor.tenantId)).ok;
  return { ...s, editable };
}

export async function updateTasksSettings(ctx: AppContext, actor: Actor, input: TasksSettingsBody) {
  await ctx.db.transaction(async (tx) => {
    enforce(canEditTasksSettings(actor, await committeePath(tx, actor.tenantId)));
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    await writeSettings(tx, actor.tenantId, tasksSettingsSpec, (current) => ({ ...current, ...given }));
    await audit(tx, actor, {
      action: 'task.settings',
      target: { entity: tenantEntity, id: actor.tenantId },
      details: { changed: Object.keys(given) },
    });
  });
  return getTasksSettings(ctx, actor);
}
