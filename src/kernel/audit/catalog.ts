import { actionCatalog, auditedEntities } from '../../platform/registry';
import type { AuditCatalog } from './contract';

/**
 * The names the audit log shows, gathered from the installed modules' manifests: entities, actions and
 * their filter groups. A group is the label a manifest gives its actions (`actions('组织生活', …)`);
 * modules that use the same label share the group.
 */
export function auditCatalog(): AuditCatalog {
  const actions = Object.entries(actionCatalog()).map(([action, a]) => ({
    action,
    label: a.label,
    group: a.group,
    module: a.module,
  }));
  const groups = new Map<string, string[]>();
  for (const a of actions) groups.set(a.group, [...(groups.get(a.group) ?? []), a.action]);
  return {
    entities: auditedEntities().map((e) => ({ entity: e.entity, label: e.label })),
    actions,
    groups: [...groups].map(([key, list]) => ({ key, label: key, actions: list })),
  };
}

/** The actions of one filter group; none for an unknown group. */
export const actionsOfGroup = (group: string): string[] =>
  Object.entries(actionCatalog())
    .filter(([, a]) => a.group === group)
    .map(([action]) => action);
