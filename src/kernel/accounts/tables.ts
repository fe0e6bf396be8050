import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { audited } from '../../platform/audit';
import { orgs, tenants } from '../orgs/tables';
import { people } from '../people/tables';

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    personId: uuid('person_id').references(() => people.id),
    /** 三员分立: one column, so no account can hold two of them. */
    adminRole: text('admin_role'),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When the password was last set by its holder (null: never since the account was made). */
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /** Set while the password is a temporary one from a reset: it stops working then. */
    temporaryUntil: timestamp('temporary_until', { withTimezone: true }),
    /** When the temporary password was used to log in: it is single-use. */
    temporaryUsedAt: timestamp('temporary_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('accounts_username_idx').on(sql`lower(${t.username})`),
    check(
      'accounts_admin_role_check',
      sql`${t.adminRole} is null or ${t.adminRole} in ('system_admin','security_admin','audit_admin')`,
    ),
  ],
);

/** An organization role held by an account; it reaches the organization's subtree. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    role: text('role').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('role_assignments_unique_idx').on(t.accountId, t.role, t.orgId),
    check(
      'role_assignments_role_check',
      sql`${t.role} in ('committee_admin','general_branch_admin','branch_secretary','member')`,
    ),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('sessions_token_idx').on(t.tokenHash), index('sessions_account_idx').on(t.accountId)],
);

/**
 * Login attempts counted per typed username (lower case) and address, and per username over every
 * address (`address = '*'`); unknown usernames are counted alike, so the answers never tell them apart.
 * The count is taken before the password is checked.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    username: text('username').notNull(),
    address: text('address').notNull(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.username, t.address] })],
);

/** The hashes of an account's previous passwords, for the policy's "not one of the last N". */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('password_history_account_idx').on(t.accountId, t.createdAt)],
);

/** An account's second factor: a TOTP secret sealed with the platform keys, and hashed recovery codes. */
export const accountMfa = pgTable(
  'account_mfa',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    secretEnc: text('secret_enc').notNull(),
    /** Null while enrolment waits for the first code. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** SHA-256 of each unused recovery code. */
    recoveryHashes: jsonb('recovery_hashes').$type<string[]>().notNull(),
    /** The last TOTP time step accepted: a code is never accepted twice (not hashed: it moves at each login). */
    lastStep: bigint('last_step', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('account_mfa_account_idx').on(t.accountId)],
);

/** A login whose password was right and whose second factor is awaited (cookie `bl_mfa`, hashed here). */
export const mfaChallenges = pgTable(
  'mfa_challenges',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    ip: text('ip').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('mfa_challenges_token_idx').on(t.tokenHash)],
);

/**
 * A password reset: requested by the system admin, approved by the security admin when the account
 * holds member-data roles or is an administrator's, then issued as a single-use temporary password.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    reason: text('reason').notNull(),
    /** The second factor is removed too (the holder lost the authenticator and the recovery codes). */
    resetMfa: boolean('reset_mfa').notNull(),
    needsApproval: boolean('needs_approval').notNull(),
    status: text('status').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    requestedByName: text('requested_by_name').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    /** When the temporary password stops working (or, before it is issued, when the approval lapses). */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    index('password_resets_account_idx').on(t.accountId, t.requestedAt),
    index('password_resets_tenant_idx').on(t.tenantId, t.status),
    check(
      'password_resets_status_check',
      sql`${t.status} in ('pending','approved','rejected','issued','expired')`,
    ),
  ],
);

export const accountEntity = audited('account', accounts, '账号');
export const mfaEntity = audited('account_mfa', accountMfa, '两步验证', { hashExclude: ['last_step'] });
export const passwordResetEntity = audited('password_reset', passwordResets, '密码重置申请');
export const roleEntity = audited('role_assignment', roleAssignments, '角色');
