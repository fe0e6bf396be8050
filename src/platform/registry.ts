import type { Actor } from './access';
import { type AuditedEntity, setKnownActions } from './audit';
import type { AppContext } from './context';
import { installHookHandlers } from './hooks';
import type { AuditAction, ModuleManifest, TodoItem } from './manifest';
import type { SettingsSpec } from './settings';
import type { ExtraVerifier } from './verify';

/**
 * The installed modules and every list derived from them. The server installs its module list once
 * (`src/server/modules.ts`); nothing else keeps a list of labels, entities, sealed columns, verifiers,
 * settings, to-do sources or demo steps.
 */
let installed: readonly ModuleManifest[] = [];

/** Dependencies before dependents, otherwise in the given order; refuses duplicates and unknown deps. */
export function orderModules(list: readonly ModuleManifest[]): ModuleManifest[] {
  const byName = new Map<string, ModuleManifest>();
  for (const m of list) {
    if (byName.has(m.name)) throw new Error(`module registered twice: ${m.name}`);
    byName.set(m.name, m);
  }
  const out: ModuleManifest[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (m: ModuleManifest, path: string[]) => {
    if (state.get(m.name) === 'done') return;
    if (state.get(m.name) === 'visiting')
      throw new Error(`module dependency cycle: ${[...path, m.name].join(' → ')}`);
    state.set(m.name, 'visiting');
    for (const dep of m.dependsOn ?? []) {
      const d = byName.get(dep);
      if (!d) throw new Error(`module ${m.name} depends on ${dep}, which is not registered`);
      visit(d, [...path, m.name]);
    }
    state.set(m.name, 'done');
    out.push(m);
  };
  for (const m of list) visit(m, []);
  return out;
}

export function installModules(list: readonly ModuleManifest[]): void {
  const ordered = orderModules(list);
  const actions = new Map<string, string>();
  const entities = new Map<string, string>();
  for (const m of ordered) {
    for (const a of Object.keys(m.actions ?? {})) {
      if (actions.has(a)) throw new Error(`audit action ${a} declared by ${actions.get(a)} and ${m.name}`);
      actions.set(a, m.name);
    }
    for (const e of m.entities ?? []) {
      if (entities.has(e.entity))
        throw new Error(`entity ${e.entity} declared by ${entities.get(e.entity)} and ${m.name}`);
      entities.set(e.entity, m.name);
    }
  }
  installed = ordered;
  installHookHandlers(ordered.flatMap((m) => m.hooks ?? []));
  setKnownActions((action) => actions.has(action));
}

export const installedModules = (): readonly ModuleManifest[] => installed;

export const auditedEntities = (): AuditedEntity[] => installed.flatMap((m) => m.entities ?? []);

/** Every audit action of every module: its label and filter group. */
export function actionCatalog(): Record<string, AuditAction & { module: string }> {
  return Object.fromEntries(
    installed.flatMap((m) => Object.entries(m.actions ?? {}).map(([k, a]) => [k, { ...a, module: m.name }])),
  );
}

export const sealedColumns = () => installed.flatMap((m) => m.sealed ?? []);

export const moduleVerifiers = (ctx: AppContext): ExtraVerifier[] =>
  installed.flatMap((m) => m.verifiers?.(ctx) ?? []);

export const settingsSpecs = (): { module: string; spec: SettingsSpec }[] =>
  installed.flatMap((m) => (m.settings ? [{ module: m.name, spec: m.settings }] : []));

/** The caller's to-do across every module, in order. */
export async function todoFor(ctx: AppContext, actor: Actor): Promise<(TodoItem & { module: string })[]> {
  const lists = await Promise.all(
    installed.map(async (m) => ((await m.todo?.(ctx, actor)) ?? []).map((t) => ({ ...t, module: m.name }))),
  );
  return lists
    .flat()
    .filter((t) => t.count > 0)
    .map((t, i) => ({ t, i }))
    .sort((a, b) => (a.t.order ?? 100) - (b.t.order ?? 100) || a.i - b.i)
    .map(({ t }) => t);
}

/** Collection abilities of every module, keyed `<module>.<ability>`. */
export async function abilitiesFor(ctx: AppContext, actor: Actor): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const m of installed) {
    const a = (await m.abilities?.(ctx, actor)) ?? {};
    for (const [k, v] of Object.entries(a)) out[`${m.name}.${k}`] = v;
  }
  return out;
}
