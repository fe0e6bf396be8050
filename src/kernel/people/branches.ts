import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { type Executor, queryRows } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { deny, enforce, hide, when } from '../../platform/policy';
import { canOnOrg, getOrgRow } from '../orgs/api';
import { canAddPersonTo } from './policy';

/** The branches people are added to: one checked for a form, all of the tenant for an import. */

/** The branch a person is added or moved to (and their party group in it): 404 unseen, 403 not the caller's. */
export async function checkTargetBranch(
  db: Executor,
  actor: Actor,
  orgId: string,
  partyGroupId: string | null | undefined,
) {
  const org = await getOrgRow(db, actor.tenantId, orgId);
  if (!org || !canOnOrg(actor, 'read', org)) return enforce(hide('所属组织'));
  if (org.type !== 'branch') throw invalid({ orgId: '人员应归属到党支部（负责其班组的支部）' });
  if (org.dissolvedOn) throw invalid({ orgId: '所属党支部已撤销' });
  enforce(when(canAddPersonTo(actor, org), deny('您不能向该党支部添加人员')));
  if (partyGroupId) {
    const group = await getOrgRow(db, actor.tenantId, partyGroupId);
    if (group?.type !== 'party_group' || group.parentId !== orgId)
      throw invalid({ partyGroupId: '党小组须属于所在党支部' });
  }
}

export interface BranchRow {
  id: string;
  tenant_id: string;
  code: string;
  name: string;
  path: string;
  type: string;
  dissolved_on: string | null;
}

/** Every branch of the caller's tenant, for resolving the 所在党支部 column of a roster. */
export async function tenantBranches(db: Executor, actor: Actor): Promise<BranchRow[]> {
  return queryRows<BranchRow>(
    db,
    sql`select id, tenant_id, code, name, path, type, dissolved_on from orgs
        where tenant_id = ${actor.tenantId} and type = 'branch' order by path`,
  );
}

/** The branches the caller may add people to. */
export const allowedBranches = (actor: Actor, all: BranchRow[]) =>
  all.filter((b) =>
    canAddPersonTo(actor, { tenantId: b.tenant_id, path: b.path, type: b.type, dissolvedOn: b.dissolved_on }),
  );
