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
/** Committees (posts from a date to a date) and their terms: reads for the modules, the election write. */
export {
  branchCommittees,
  committeeOn,
  currentTerms,
  type ElectedPost,
  electionTiming,
  type PostRow,
  recordElection,
  type TermRow,
  termsDue,
} from './committee';
export {
  committeeIntervals,
  hasCommitteeOn,
  POST_LABELS,
  POSTS,
  type Post,
  type PostSpan,
  postsFromText,
  TERM_STATUS_LABELS,
  type TermStatus,
  termStatus,
} from './committee-rules';
export { canOnOrg, decideOnOrg, type OrgAction, orgScope } from './policy';
export {
  childPath,
  type DateBound,
  existsOn,
  ORG_TYPE_LABELS,
  type OrgType,
} from './rules';
export { managedRoot, type ScopeOrg } from './scope';
export {
  type SeedGroup,
  type SeedLeadership,
  type SeedPost,
  type SeedTerm,
  seedBranchLeadership,
  seedCommittees,
  seedPartyGroups,
} from './seed';
export { loadOrgSettings, type OrgSettings } from './settings';
/** Readable tables: the tree (orgs) and the tenants (committees). */
export { orgs, tenantEntity, tenants } from './tables';
/** Where an organization hung on a date, and the party groups of branches over a period. */
export { type GroupUnder, groupsUnder, parentOnDate } from './tree';

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

/**
 * A person is given a committee post of an organization on `on`: a handler (people) refuses one who is
 * not a full member of the organization (or its subtree) that day, with a 400 on `personId`, and
 * answers the name the post keeps.
 */
export interface PostHolderCheck {
  tenantId: string;
  org: { id: string; path: string; type: string };
  personId: string;
  on: string;
}
export const orgPostHolder = defineHook<PostHolderCheck, { name: string }>('orgs.postHolder');

/** A person's free-text party posts (people.party_posts), for migrating them into committee posts. */
export interface PartyPostsRow {
  personId: string;
  name: string;
  /** The branch the person belongs to now, and since when. */
  orgId: string;
  since: string;
  partyPosts: string;
}
export interface PartyPostsSource {
  /** The people of the organizations under `pathPrefix` whose party posts are filled. */
  under(db: Executor, tenantId: string, pathPrefix: string): Promise<PartyPostsRow[]>;
}
/** Where free-text party posts come from (people provides it). */
export const partyPostsSource = defineSlot<PartyPostsSource>('orgs.partyPosts');

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
