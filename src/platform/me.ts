import { z } from 'zod';
import { type Actor, managedPaths } from './access';
import type { AppContext } from './context';
import { abilitiesFor } from './registry';

export const meResponse = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    personId: z.string().nullable(),
    adminRole: z.enum(['system_admin', 'security_admin', 'audit_admin']).nullable(),
    mustChangePassword: z.boolean(),
  }),
  roles: z.array(z.object({ role: z.string(), orgId: z.string(), orgName: z.string() })),
  scope: z.object({
    orgIds: z.array(z.string()),
    self: z.string().nullable(),
    managesOrgs: z.boolean(),
    seesMemberData: z.boolean(),
    seesAuditLog: z.boolean(),
  }),
  /** `<module>.<ability>` → whether the caller may; the web shows only what is allowed. */
  abilities: z.record(z.string(), z.boolean()),
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof meResponse>;

/** Who the caller is, what they may do: the answer of `GET /me` and of a successful login. */
export async function mePayload(
  ctx: AppContext,
  actor: Actor,
  mustChangePassword: boolean,
  csrfToken: string | null,
): Promise<Me> {
  return {
    user: {
      id: actor.accountId,
      username: actor.username,
      displayName: actor.displayName,
      personId: actor.personId,
      adminRole: actor.adminRole,
      mustChangePassword,
    },
    roles: actor.roles.map((r) => ({ role: r.role, orgId: r.orgId, orgName: r.orgName })),
    scope: {
      orgIds: actor.roles.filter((r) => r.role !== 'member').map((r) => r.orgId),
      self: actor.personId,
      managesOrgs: managedPaths(actor).length > 0,
      seesMemberData: actor.adminRole === null,
      seesAuditLog: actor.adminRole === 'audit_admin',
    },
    abilities: mustChangePassword ? {} : await abilitiesFor(ctx, actor),
    csrfToken,
  };
}
