/**
 * The orgs kernel's public surface: what other modules may use. Other modules import nothing else of
 * orgs, and read its tables only as exported here.
 */
import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { AuditEvent } from '../../platform/audit';
import type { Executor } from '../../platform/db';
import { defineHook, defineSlot } from '../../platform/hooks';
import type { DateBound } from './rules';

export { authorizeOrg, getOrgRow, type OrgRow } from './authorize';
export { canOnOrg, decideOnOrg, type OrgAction, orgScope } from './policy';
export {
  childPath,
  type DateBound,
  existsOn,
  ORG_TYPE_LABELS,
  type OrgType,
} from './rules';
export { managedRoot, type ScopeOrg } from './scope';
export { type SeedGroup, type SeedLeadership, seedBranchLeadership, seedPartyGroups } from './seed';
/** Readable tables: the tree (orgs) and the tenants (committees). */
export { orgs, tenantEntity, tenants } from './tables';

/** An organization as the reorganization hooks pass it. */
export interface OrgRef {
  id: string;
  tenantId: string;
  name: string;
  path: string;
  type: string;
}

/**
 * A branch is merged into another on `on`, inside the merge's transaction: the handler moves what it
 * keeps of the source (people and their memberships) to the target and returns the audit events of what
 * it changed, which the merge writes after its own, with the number of people moved.
 */
export interface OrgMerging {
  actor: Actor;
  source: OrgRef;
  target: OrgRef;
  on: string;
}
export const orgMerging = defineHook<OrgMerging, { moved: number; events: AuditEvent[] }>('orgs.merging');

/**
 * An organization is about to be dissolved on `on`: a handler refuses (throws a 409 in Chinese) while
 * something of its own still belongs to the subtree (people on the roll).
 */
export interface OrgDissolving {
  actor: Actor;
  org: OrgRef;
  on: string;
}
export const orgDissolving = defineHook<OrgDissolving>('orgs.dissolving');

/**
 * What happened inside an organization's subtree after `on` that ending the organization on `on` (a
 * merge, a dissolution) would contradict, as dated facts (a member joined or left later).
 */
export interface OrgEnding {
  org: OrgRef;
  on: string;
}
export const orgEndBounds = defineHook<OrgEnding, DateBound[]>('orgs.endBounds');

/** A person is named an organization's secretary: a handler refuses (400 on `secretaryPersonId`) an unknown one. */
export interface SecretaryAssigning {
  actor: Actor;
  org: OrgRef;
  personId: string;
}
export const secretaryAssigning = defineHook<SecretaryAssigning>('orgs.secretaryAssigning');

/** Head counts of organizations (alias `o` in `orgWhere`), each org's own people, not its subtree's. */
export interface OrgHeadcount {
  org_id: string;
  full: number;
  probationary: number;
  employees: number;
}
export interface OrgHeadcountSource {
  /** The people on the roll today. */
  current(db: Executor, orgWhere: SQL): Promise<OrgHeadcount[]>;
  /** The people whose membership placed them in the organization on a date. */
  on(db: Executor, date: string, orgWhere: SQL): Promise<OrgHeadcount[]>;
}
/** Where the tree's head counts come from (people provides it). */
export const orgHeadcounts = defineSlot<OrgHeadcountSource>('orgs.headcounts');
