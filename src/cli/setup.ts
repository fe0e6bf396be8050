import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword } from '../kernel/accounts/api';
import { checkPasswordPolicy } from '../kernel/accounts/rules';
import { accountEntity, accounts, roleAssignments, roleEntity } from '../kernel/accounts/tables';
import { orgEntity, orgs, tenantEntity, tenants } from '../kernel/orgs/tables';
import type { AdminRole, OrgRole } from '../platform/access';
import { recordAudit } from '../platform/audit';
import type { AppContext } from '../platform/context';
import { todayLocal } from '../platform/dates';
import { queryRows, textList } from '../platform/db';
import { newId } from '../platform/ids';
import { isStorableText } from '../platform/text';

export const setupInput = z.object({
  // The name is hashed into the chain: text the database can't store as given is refused, not altered.
  name: z
    .string()
    .refine(isStorableText, '党委名称包含无法保存的字符（空字符或不成对的代理项）')
    .trim()
    .min(2, '党委名称至少 2 个字')
    .max(100, '党委名称最多 100 个字'),
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,30}$/, '代码须为 2–31 位小写字母、数字或连字符，以字母开头'),
  establishedOn: z.iso.date('成立日期须为 YYYY-MM-DD').optional(),
});
export type SetupInput = z.infer<typeof setupInput>;

/** The four accounts a new committee starts with: its administrator and the three separated platform roles. */
const STARTER_ACCOUNTS: { suffix: string; label: string; role?: OrgRole; adminRole?: AdminRole }[] = [
  { suffix: 'admin', label: '党委管理员', role: 'committee_admin' },
  { suffix: 'sysadmin', label: '系统管理员', adminRole: 'system_admin' },
  { suffix: 'secadmin', label: '安全管理员', adminRole: 'security_admin' },
  { suffix: 'auditor', label: '审计管理员', adminRole: 'audit_admin' },
];

const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@'];

/** A 14-character initial password with every character class; it must be changed at first login. */
export function initialPassword(): string {
  for (;;) {
    const chars = Array.from({ length: 14 }, (_, i) => {
      const set = CLASSES[i < CLASSES.length ? i : randomInt(CLASSES.length)];
      return set[randomInt(set.length)];
    });
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const password = chars.join('');
    if (checkPasswordPolicy(password).ok) return password;
  }
}

export interface SetupResult {
  tenantId: string;
  committeeId: string;
  accounts: { username: string; label: string; password: string }[];
}

/**
 * Creates a grassroots committee (a tenant and the root of its tree) with its starter accounts, in one
 * audited transaction. The committee administrator then builds the tree and the roster in the UI.
 */
export async function setupCommittee(ctx: AppContext, raw: unknown): Promise<SetupResult> {
  const input = setupInput.parse(raw);
  const usernames = STARTER_ACCOUNTS.map((a) => `${input.code}-${a.suffix}`);
  const taken = await queryRows<{ username: string }>(
    ctx.db,
    sql`select username from accounts where lower(username) in (${textList(usernames)})`,
  );
  if (taken.length) throw new Error(`用户名已存在：${taken.map((t) => t.username).join('、')}`);
  const sameName = await queryRows(ctx.db, sql`select 1 from tenants where name = ${input.name}`);
  if (sameName.length) throw new Error(`已有名为“${input.name}”的党委`);

  const tenantId = newId();
  const committeeId = newId();
  const now = new Date();
  const created = await Promise.all(
    STARTER_ACCOUNTS.map(async (a, i) => {
      const password = initialPassword();
      return { ...a, id: newId(), username: usernames[i], password, hash: await hashPassword(password) };
    }),
  );
  const system = { id: null, name: 'cli setup', ip: null };
  await ctx.db.transaction(async (tx) => {
    await tx.insert(tenants).values({ id: tenantId, name: input.name, settings: {} });
    await tx.insert(orgs).values({
      id: committeeId,
      tenantId,
      parentId: null,
      type: 'committee',
      code: input.code.toUpperCase(),
      name: input.name,
      path: `/${committeeId}/`,
      depth: 0,
      hasCommittee: true,
      establishedOn: input.establishedOn ?? todayLocal(),
    });
    await tx.insert(accounts).values(
      created.map((a) => ({
        id: a.id,
        tenantId,
        username: a.username,
        displayName: a.label,
        passwordHash: a.hash,
        adminRole: a.adminRole ?? null,
        mustChangePassword: true,
        createdAt: now,
      })),
    );
    const roles = created
      .filter((a) => a.role)
      .map((a) => ({
        id: newId(),
        tenantId,
        accountId: a.id,
        role: a.role!,
        orgId: committeeId,
        createdAt: now,
      }));
    await tx.insert(roleAssignments).values(roles);
    await recordAudit(tx, [
      { tenantId, actor: system, action: 'tenant.create', target: { entity: tenantEntity, id: tenantId } },
      { tenantId, actor: system, action: 'org.create', target: { entity: orgEntity, id: committeeId } },
      ...created.map((a) => ({
        tenantId,
        actor: system,
        action: 'account.create',
        target: { entity: accountEntity, id: a.id },
      })),
      ...roles.map((r) => ({
        tenantId,
        actor: system,
        action: 'role.grant',
        target: { entity: roleEntity, id: r.id },
        details: { accountId: r.accountId, role: r.role, orgId: committeeId },
      })),
    ]);
  });
  return {
    tenantId,
    committeeId,
    accounts: created.map((a) => ({ username: a.username, label: a.label, password: a.password })),
  };
}

/** `npm run cli -- setup --name <党委名称> --code <代码> [--established YYYY-MM-DD]` */
export async function setupCommand(ctx: AppContext, args: string[]): Promise<number> {
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const parsed = setupInput.safeParse({
    name: flag('name'),
    code: flag('code'),
    establishedOn: flag('established'),
  });
  if (!parsed.success) {
    const flags: Record<string, string> = { name: '--name', code: '--code', establishedOn: '--established' };
    for (const issue of parsed.error.issues)
      console.error(`${flags[String(issue.path[0])]}：${issue.message}`);
    console.error('用法：npm run cli -- setup --name 某某党委 --code abc [--established 2020-01-01]');
    return 1;
  }
  try {
    const result = await setupCommittee(ctx, parsed.data);
    console.log(`已创建党委“${parsed.data.name}”。初始账号（首次登录须修改密码，此密码只显示这一次）：`);
    for (const a of result.accounts) console.log(`  ${a.username.padEnd(24)} ${a.password}  ${a.label}`);
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
}
