import { tenantEntity } from '../../kernel/orgs/api';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { Executor } from '../../platform/db';
import { enforce } from '../../platform/policy';
import { defineSettings, readSettings, resolveSettings, writeSettings } from '../../platform/settings';
import { meetingSettingsSchema, type SettingsInput } from './contract-settings';
import { decideReadSettings, decideUpdateSettings } from './policy';
import { MEETING_RULESETS } from './rules-kinds';
import type { MeetingSettings } from './rules-settings';

/** The committee's local practice of organization life: `tenants.settings.meetings`. */
export const meetingSettingsSpec = defineSettings('meetings', '组织生活', meetingSettingsSchema);

/** A tenant's `settings` as stored, read into complete meetings settings (key by key, nonsense ignored). */
export const meetingSettings = (tenantSettings: unknown): MeetingSettings =>
  resolveSettings(
    meetingSettingsSpec,
    tenantSettings && typeof tenantSettings === 'object'
      ? (tenantSettings as Record<string, unknown>).meetings
      : undefined,
  );

export const loadSettings = (db: Executor, tenantId: string): Promise<MeetingSettings> =>
  readSettings(db, tenantId, meetingSettingsSpec);

export async function getSettings(ctx: AppContext, actor: Actor) {
  enforce(decideReadSettings(actor));
  return { ...(await loadSettings(ctx.db, actor.tenantId)), rulesets: [...MEETING_RULESETS] };
}

/** Changes the tenant's section only (row-locked), audited like any other change. */
export async function updateSettings(ctx: AppContext, actor: Actor, patch: SettingsInput) {
  enforce(decideUpdateSettings(actor));
  return ctx.db.transaction(async (tx) => {
    const { before, after } = await writeSettings(tx, actor.tenantId, meetingSettingsSpec, (current) => ({
      ...current,
      ...patch,
      // Hours per kind change one kind at a time: a patch naming one keeps the others.
      classHoursByKind: { ...current.classHoursByKind, ...patch.classHoursByKind },
    }));
    await audit(tx, actor, {
      action: 'meeting.settings',
      target: { entity: tenantEntity, id: actor.tenantId },
      details: { from: before, to: after },
    });
    return { ...after, rulesets: [...MEETING_RULESETS] };
  });
}
