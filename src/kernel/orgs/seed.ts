import { sql } from 'drizzle-orm';
import type { AuditActor, AuditInput } from '../../platform/audit';
import type { Executor } from '../../platform/db';
import { newId } from '../../platform/ids';
import { childPath, pathDepth } from './rules';
import { orgEntity, orgParentHistory, orgParentHistoryEntity, orgs } from './tables';

/**
 * System writes of the demo section for modules that build the tree out as they fill it (people adds
 * party groups to the branches it staffs, and names the secretaries). Each returns the audit events of
 * what it wrote, for the caller's one system audit write.
 */
export interface SeedGroup {
  id: string;
  tenantId: string;
  branch: { id: string; path: string };
  code: string;
  name: string;
  establishedOn: string;
  sortOrder: number;
}

export async function seedPartyGroups(
  tx: Executor,
  system: AuditActor,
  groups: SeedGroup[],
): Promise<{ rows: { id: string; path: string }[]; events: AuditInput[] }> {
  const rows = groups.map((g) => {
    const path = childPath(g.branch.path, g.id);
    return {
      id: g.id,
      tenantId: g.tenantId,
      parentId: g.branch.id,
      type: 'party_group',
      code: g.code,
      name: g.name,
      path,
      depth: pathDepth(path),
      establishedOn: g.establishedOn,
      sortOrder: g.sortOrder,
    } satisfies typeof orgs.$inferInsert;
  });
  const history = groups.map((g) => ({
    id: newId(),
    tenantId: g.tenantId,
    orgId: g.id,
    parentId: g.branch.id,
    validFrom: g.establishedOn,
  }));
  for (let i = 0; i < rows.length; i += 200) await tx.insert(orgs).values(rows.slice(i, i + 200));
  if (history.length) await tx.insert(orgParentHistory).values(history);
  const event = (tenantId: string, action: string, target: AuditInput['target']): AuditInput => ({
    tenantId,
    actor: system,
    action,
    target,
  });
  return {
    rows: rows.map((r) => ({ id: r.id, path: r.path })),
    events: [
      ...rows.map((r) => event(r.tenantId, 'org.create', { entity: orgEntity, id: r.id })),
      ...history.map((h) =>
        event(h.tenantId, 'org.parent_history', { entity: orgParentHistoryEntity, id: h.id }),
      ),
    ],
  };
}

export interface SeedLeadership {
  tenantId: string;
  orgId: string;
  hasCommittee: boolean;
  secretaryPersonId: string | null;
}

/** Whether each branch has a committee and who its secretary is. */
export async function seedBranchLeadership(
  tx: Executor,
  system: AuditActor,
  list: SeedLeadership[],
): Promise<AuditInput[]> {
  for (const b of list) {
    await tx
      .update(orgs)
      .set({ hasCommittee: b.hasCommittee, secretaryPersonId: b.secretaryPersonId })
      .where(sql`${orgs.id} = ${b.orgId}`);
  }
  return list.map((b) => ({
    tenantId: b.tenantId,
    actor: system,
    action: 'org.update',
    target: { entity: orgEntity, id: b.orgId },
    details: { hasCommittee: b.hasCommittee },
  }));
}
