import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { audited } from '../../platform/audit';
import { orgs, tenants } from '../orgs/tables';

/** Every employee and every party member: one row a person. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The branch responsible for the person's team. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    partyGroupId: uuid('party_group_id').references(() => orgs.id),
    name: text('name').notNull(),
    /**
     * The name's pinyin sort key (`sort-key.ts`), written with the name; derived, so never hashed. Rows
     * written before the column existed get theirs the first time a list is sorted.
     */
    nameSort: text('name_sort'),
    gender: text('gender').notNull(),
    ethnicity: text('ethnicity'),
    idNumberEnc: text('id_number_enc'),
    idNumberIndex: text('id_number_index'),
    idNumberMasked: text('id_number_masked'),
    birthDate: date('birth_date'),
    education: text('education'),
    category: text('category'),
    partyStatus: text('party_status').notNull(),
    joinedPartyOn: date('joined_party_on'),
    fullMemberOn: date('full_member_on'),
    jobPost: text('job_post'),
    mobileEnc: text('mobile_enc'),
    mobileMasked: text('mobile_masked'),
    landlineEnc: text('landline_enc'),
    landlineMasked: text('landline_masked'),
    addressEnc: text('address_enc'),
    addressMasked: text('address_masked'),
    standing: text('standing').notNull().default('normal'),
    /**
     * The day the current suspension (停止党籍) began, so the roster of a past meeting knows the member
     * still had a vote then. Null while the standing is normal, or for a suspension recorded without it
     * (taken as suspended on every date).
     */
    suspendedOn: date('suspended_on'),
    lostContact: boolean('lost_contact').notNull().default(false),
    lostContactOn: date('lost_contact_on'),
    floating: boolean('floating').notNull().default(false),
    floatingTo: text('floating_to'),
    employeeNo: text('employee_no'),
    post: text('post'),
    workplace: text('workplace'),
    startedWorkOn: date('started_work_on'),
    partyPosts: text('party_posts'),
    exempt: boolean('exempt').notNull().default(false),
    remarks: text('remarks'),
    endedOn: date('ended_on'),
    endReason: text('end_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('people_org_idx').on(t.orgId, t.name),
    index('people_tenant_status_idx').on(t.tenantId, t.partyStatus),
    index('people_id_number_index_idx').on(t.idNumberIndex),
    index('people_employee_no_idx').on(t.tenantId, t.employeeNo),
    index('people_name_idx').using('btree', sql`${t.name} text_pattern_ops`),
    index('people_name_sort_missing_idx').on(t.tenantId).where(sql`${t.nameSort} is null`),
    check('people_gender_check', sql`${t.gender} in ('male','female')`),
    check(
      'people_party_status_check',
      sql`${t.partyStatus} in ('masses','applicant','activist','candidate','probationary','full')`,
    ),
    check('people_standing_check', sql`${t.standing} in ('normal','suspended')`),
    check('people_suspended_on_check', sql`${t.standing} = 'suspended' or ${t.suspendedOn} is null`),
    check('people_end_check', sql`(${t.endedOn} is null) = (${t.endReason} is null)`),
    check(
      'people_end_reason_check',
      sql`${t.endReason} is null or ${t.endReason} in ('left_unit','died','transferred_out')`,
    ),
    check('people_full_member_check', sql`${t.partyStatus} = 'full' or ${t.fullMemberOn} is null`),
  ],
);

/** Which branch a person belonged to over time; `validTo` is exclusive, null while current. */
export const personMemberships = pgTable(
  'person_memberships',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('person_memberships_person_idx').on(t.personId, t.validFrom),
    index('person_memberships_org_idx').on(t.orgId, t.validFrom),
    check('person_memberships_dates_check', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

export const personEntity = audited('person', people, '人员', { hashExclude: ['name_sort'] });
export const membershipEntity = audited('membership', personMemberships, '支部归属');
