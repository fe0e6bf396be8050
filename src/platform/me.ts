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
    /** The account has a confirmed second factor. */
    mfaEnabled: z.boolean(),
    /** A second factor is required of this account and not yet enrolled: enrolment comes first. */
    mfaSetupRequired: z.boolean(),
  }),
  /** What the holder must be told at login (a password reset by an administrator: who and when). */
  notices: z.array(z.object({ kind: z.string(), at: z.string(), message: z.string() })),
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

/** The state of the caller's account that the session carries (accounts kernel, `resolveSession`). */
export interface AccountState {
  mustChangePassword: boolean;
  mfaEnabled: boolean;
  mfaSetupRequired: boolean;
  notices: Me['notices'];
}

/** Who the caller is, what they may do: the answer of `GET /me` and of a successful login. */
export async function mePayload(
  ctx: AppContext,
  actor: Actor,
  state: AccountState,
  csrfToken: string | null,
): Promise<Me> {
  const restricted = state.mustChangePassword || state.mfaSetupRequired;
  return {
    user: {
      id: actor.accountId,
      username: actor.username,
      displayName: actor.displayName,
      personId: actor.personId,
      adminRole: actor.adminRole,
      mustChangePassword: state.mustChangePassword,
      mfaEnabled: state.mfaEnabled,
      mfaSetupRequired: state.mfaSetupRequired,
    },
    notices: state.notices,
    roles: actor.roles.map((r) => ({ role: r.role, orgId: r.orgId, orgName: r.orgName })),
    scope: {
      orgIds: actor.roles.filter((r) => r.role !== 'member').map((r) => r.orgId),
      self: actor.personId,
      managesOrgs: managedPaths(actor).length > 0,
      seesMemberData: actor.adminRole === null,
      seesAuditLog: actor.adminRole === 'audit_admin',
    },
    abilities: restricted ? {} : await abilitiesFor(ctx, actor),
    csrfToken,
  };
}
