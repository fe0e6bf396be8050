import { recordAudit } from '../../platform/audit';
import { DEMO_PASSWORD, type DemoStep } from '../../platform/demo';
import { newId } from '../../platform/ids';
import { hashPassword } from './passwords';
import { accountEntity, accounts, roleAssignments, roleEntity } from './tables';

export const demoAccounts: DemoStep = async (ctx, state) => {
  const { tenantId } = state;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const committeeHolder = state.people.find(
    (p) => p.partyStatus === 'full' && state.orgs.find((o) => o.id === p.orgId)?.name.startsWith('机关'),
  )!;
  const generalHolder = state.people.find(
    (p) =>
      p.partyStatus === 'full' &&
      p.orgId !== state.demoBranchId &&
      state.orgs.find((o) => o.id === p.orgId)?.parentId === state.demoGeneralId,
  )!;
  const specs = [
    {
      username: 'demo-committee',
      displayName: `${committeeHolder.name}（党委组织部）`,
      personId: committeeHolder.id,
      role: 'committee_admin',
      orgId: state.committeeId,
    },
    {
      username: 'demo-general',
      displayName: `${generalHolder.name}（海拉尔站党总支）`,
      personId: generalHolder.id,
      role: 'general_branch_admin',
      orgId: state.demoGeneralId,
    },
    {
      username: 'demo-secretary',
      displayName: state.people.find((p) => p.id === state.holders.secretary)!.name,
      personId: state.holders.secretary,
      role: 'branch_secretary',
      orgId: state.demoBranchId,
    },
    {
      username: 'demo-member',
      displayName: state.people.find((p) => p.id === state.holders.member)!.name,
      personId: state.holders.member,
      role: 'member',
      orgId: state.demoBranchId,
    },
    { username: 'demo-sysadmin', displayName: '系统管理员', adminRole: 'system_admin' },
    { username: 'demo-secadmin', displayName: '安全管理员', adminRole: 'security_admin' },
    { username: 'demo-auditor', displayName: '审计管理员', adminRole: 'audit_admin' },
  ];
  const now = state.now;
  const accountRows = specs.map((s) => ({
    id: newId(),
    tenantId,
    username: s.username,
    displayName: s.displayName,
    passwordHash,
    personId: s.personId ?? null,
    adminRole: s.adminRole ?? null,
    mustChangePassword: false,
    createdAt: now,
  }));
  const roleRows = specs.flatMap((s, i) =>
    s.role
      ? [
          {
            id: newId(),
            tenantId,
            accountId: accountRows[i].id,
            role: s.role,
            orgId: s.orgId!,
            createdAt: now,
          },
        ]
      : [],
  );
  // The secretary also holds the member role in their own branch, as every secretary is a member there.
  roleRows.push({
    id: newId(),
    tenantId,
    accountId: accountRows[2].id,
    role: 'member',
    orgId: state.demoBranchId,
    createdAt: now,
  });
  await ctx.db.transaction(async (tx) => {
    await tx.insert(accounts).values(accountRows);
    await tx.insert(roleAssignments).values(roleRows);
    await recordAudit(tx, [
      ...accountRows.map((a) => ({
        tenantId,
        actor: state.system,
        action: 'account.create',
        target: { entity: accountEntity, id: a.id },
      })),
      ...roleRows.map((r) => ({
        tenantId,
        actor: state.system,
        action: 'role.grant',
        target: { entity: roleEntity, id: r.id },
        details: { role: r.role },
      })),
    ]);
  });
  state.holders.committee = committeeHolder.id;
  state.holders.general = generalHolder.id;
};
