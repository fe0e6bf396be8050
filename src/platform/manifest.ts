import type { FastifyPluginAsync } from 'fastify';
import type { Actor } from './access';
import type { AuditedEntity } from './audit';
import type { AppContext } from './context';
import type { DemoStep } from './demo';
import type { HookHandler } from './hooks';
import type { SettingsSpec } from './settings';
import type { AuthzCaseFactory, FuzzInputs } from './testing';
import type { ExtraVerifier } from './verify';

/** An audit action's Chinese name and the filter group it is offered under in the audit log. */
export interface AuditAction {
  label: string;
  group: string;
}

/** One line of the caller's to-do, gathered from every module for the home page and the 待办 tab. */
export interface TodoItem {
  /** Unique within the module. */
  key: string;
  label: string;
  count: number;
  /** How many of `count` are past their deadline (shown red). */
  overdue?: number;
  /** The web page where the work is done. */
  link: string;
  /** Lower first; items of equal order keep the modules' order. */
  order?: number;
}

/** A download the module offers (an Excel ledger); the generated tests fetch each as its insider. */
export interface ExportDecl {
  key: string;
  label: string;
  /** The API path, under /api/v1. */
  path: string;
}

/**
 * Everything the platform needs from a module. Registering a module is one line in
 * `src/server/modules.ts`; every platform-wide list (audit labels and filters, sealed columns,
 * verifiers, settings, to-do, abilities, demo order, hooks, test nets) is derived from these.
 */
export interface ModuleManifest {
  /** The folder name: `meetings`. */
  name: string;
  /** What users call it: `组织生活`. */
  label: string;
  /** Modules this one builds on (through their api.ts); their demo steps run first. */
  dependsOn?: readonly string[];
  /** HTTP routes, registered under /api/v1. */
  routes?: FastifyPluginAsync;
  /** The module's audited tables, each made with `audited(entity, table, label)`. */
  entities?: readonly AuditedEntity[];
  /** Every audit action the module writes, with its label and filter group (`actions(group, {...})`). */
  actions?: Readonly<Record<string, AuditAction>>;
  /** Tenant settings of the module: a zod schema whose defaults are the national or common practice. */
  settings?: SettingsSpec;
  /** Encrypted columns, so `keys rotate` re-seals them. */
  sealed?: readonly { entity: AuditedEntity; columns: readonly string[] }[];
  /** Checks beyond table rows for `audit verify` (attachment files on disk). */
  verifiers?: (ctx: AppContext) => ExtraVerifier[];
  /** What the caller has to do in this module now. */
  todo?: (ctx: AppContext, actor: Actor) => Promise<TodoItem[]>;
  /**
   * Collection-level abilities, sent to the web in `GET /me` as `abilities['<module>.<key>']`: may this
   * caller record a meeting, issue a notice, import a roster… The web never derives them from roles.
   */
  abilities?: (ctx: AppContext, actor: Actor) => Record<string, boolean> | Promise<Record<string, boolean>>;
  /** Downloads the module offers. */
  exports?: readonly ExportDecl[];
  /** Handlers of other modules' hooks, run inside the transaction of the change that fires them. */
  hooks?: readonly HookHandler[];
  /** Adds the module's part of the demo section; runs after the steps of `dependsOn`. */
  demo?: DemoStep;
  /** The generated test nets: authorization cases (lazy: test-only code) and bad-input fuzz inputs. */
  tests?: {
    authz?: () => Promise<{ authzCases: AuthzCaseFactory }>;
    fuzz?: FuzzInputs;
  };
}

/** Labels a module's audit actions with one filter group: `actions('组织生活', { 'meeting.create': '记录会议' })`. */
export function actions(group: string, labels: Record<string, string>): Record<string, AuditAction> {
  return Object.fromEntries(Object.entries(labels).map(([k, label]) => [k, { label, group }]));
}

export const defineModule = (m: ModuleManifest): ModuleManifest => m;
