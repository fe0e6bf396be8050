import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { tenantEntity } from '../../kernel/orgs/api';
import type { Actor } from '../../platform/access';
import { audit, diffFields } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { enforce } from '../../platform/policy';
import { defineSettings, readSettings, writeSettings } from '../../platform/settings';
import type { SettingsBody, TrainingSettingsAnswer } from './contract';
import { canEditSettings, seesTraining } from './policy';
import { DEFAULT_TOPICS } from './rules';

/**
 * `tenants.settings.training`: the target is the regulation's (32 class hours a year, 党员教育管理工作
 * 条例 2019); everything else is local practice with a common default.
 */
export const trainingSettingsSchema = z.object({
  /** Class hours of concentrated study a member should reach in a year. */
  targetHours: z.number().min(1).max(200).default(32),
  /** Points of an outside platform (学习强国, 网络学院) that make one class hour. */
  pointsPerHour: z.number().int().min(1).max(100000).default(100),
  /** At most this many hours a year from imported outside statistics count (null: no cap). */
  importCapHours: z.number().min(0).max(200).nullable().default(null),
  /** Share of an item's length that must be spent on its page (visible) before it can be finished. */
  finishRatio: z.number().min(0.1).max(1).default(0.8),
  /** From this month on, the secretary's to-do lists members who have not reached the target. */
  todoFromMonth: z.number().int().min(1).max(12).default(10),
  /** Topics offered for courses, classes, content, questions and surveys. */
  topics: z.array(z.string().trim().min(1).max(40)).min(1).max(50).default(DEFAULT_TOPICS),
});
export type TrainingSettings = z.output<typeof trainingSettingsSchema>;

export const trainingSettings = defineSettings('training', '素质培训', trainingSettingsSchema);

export const loadTrainingSettings = (db: Executor, tenantId: string): Promise<TrainingSettings> =>
  readSettings(db, tenantId, trainingSettings);

/** The path of the tenant's committee, whose administrators edit the settings. */
export async function committeePath(db: Executor, tenantId: string): Promise<string | undefined> {
  const [c] = await queryRows<{ path: string }>(
    db,
    sql`select path from orgs where tenant_id = ${tenantId} and type = 'committee' and parent_id is null limit 1`,
  );
  return c?.path;
}

export async function getSettings(ctx: AppContext, actor: Actor): Promise<TrainingSettingsAnswer> {
  enforce(seesTraining(actor));
  const s = await loadTrainingSettings(ctx.db, actor.tenantId);
  const editable = canEditSettings(actor, await committeePath(ctx.db, actor.tenantId)).ok;
  return { ...s, editable };
}

export async function updateSettings(ctx: AppContext, actor: Actor, input: SettingsBody) {
  await ctx.db.transaction(async (tx) => {
    enforce(canEditSettings(actor, await committeePath(tx, actor.tenantId)));
    if (input.topics && new Set(input.topics).size !== input.topics.length)
      throw invalid({ topics: '培训主题不能重复' });
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const { before, after } = await writeSettings(tx, actor.tenantId, trainingSettings, (current) => ({
      ...current,
      ...given,
    }));
    await audit(tx, actor, {
      action: 'training.settings',
      target: { entity: tenantEntity, id: actor.tenantId },
      details: { changed: diffFields(before, after) },
    });
  });
  return getSettings(ctx, actor);
}
