import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { decrypt, maskIdNumber } from '../../platform/crypto';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { newWorkbook, workbookBuffer } from '../../platform/excel';
import { enforce } from '../../platform/policy';
import { canExportClearOf, decideExportClear } from './policy';
import { type PeopleFilter, peopleWhere } from './read';
import { type ExportPerson, exportRow } from './roster-rules';
import { addRosterSheet } from './roster-template';
import type { PartyStatus } from './rules';
import { loadPeopleSettings } from './settings';
import { byName, fillSortKeys } from './sort-key';

interface ExportRowData {
  id: string;
  tenant_id: string;
  org_path: string;
  org_name: string;
  ended_on: string | null;
  name: string;
  gender: string;
  party_status: PartyStatus;
  ethnicity: string | null;
  id_number_enc: string | null;
  id_number_masked: string | null;
  birth_date: string | null;
  education: string | null;
  category: string | null;
  joined_party_on: string | null;
  full_member_on: string | null;
  job_post: string | null;
  mobile_enc: string | null;
  mobile_masked: string | null;
  landline_enc: string | null;
  landline_masked: string | null;
  address_enc: string | null;
  address_masked: string | null;
  standing: string;
  lost_contact: boolean;
  lost_contact_on: string | null;
  floating: boolean;
  floating_to: string | null;
  remarks: string | null;
  employee_no: string | null;
  post: string | null;
  workplace: string | null;
  started_work_on: string | null;
  party_posts: string | null;
}

export type ExportFilter = Pick<PeopleFilter, 'orgId' | 'partyStatus' | 'q'>;

/** A person as an export row: sensitive values in clear when revealed, masked otherwise. */
function exportPerson(r: ExportRowData, clearValue: (enc: string) => string | null): ExportPerson {
  const sensitive = (enc: string | null, masked: string | null) =>
    enc ? (clearValue(enc) ?? masked) : masked;
  return {
    orgName: r.org_name,
    name: r.name,
    gender: r.gender,
    partyStatus: r.party_status,
    ethnicity: r.ethnicity,
    idNumber: sensitive(r.id_number_enc, r.id_number_masked ? maskIdNumber(r.id_number_masked) : null),
    birthDate: r.birth_date,
    education: r.education,
    category: r.category,
    joinedPartyOn: r.joined_party_on,
    fullMemberOn: r.full_member_on,
    jobPost: r.job_post,
    mobile: sensitive(r.mobile_enc, r.mobile_masked),
    landline: sensitive(r.landline_enc, r.landline_masked),
    address: sensitive(r.address_enc, r.address_masked),
    standing: r.standing,
    lostContact: r.lost_contact,
    lostContactOn: r.lost_contact_on,
    floating: r.floating,
    floatingTo: r.floating_to,
    remarks: r.remarks,
    employeeNo: r.employee_no,
    post: r.post,
    workplace: r.workplace,
    startedWorkOn: r.started_work_on,
    partyPosts: r.party_posts,
  };
}

/**
 * The caller's roster as .xlsx, scoped exactly like the people list, sensitive columns masked. With
 * `clear` (POST /people/export-clear): a permission of its own (people settings: committee level by
 * default), a reason, clear values only for the people the caller's qualifying role reaches, and one
 * audit event naming every person exported.
 */
export async function exportRoster(
  ctx: AppContext,
  actor: Actor,
  filter: ExportFilter,
  clear?: { reason: string },
) {
  const level = clear ? (await loadPeopleSettings(ctx.db, actor.tenantId)).exportClearLevel : 'committee';
  if (clear) enforce(decideExportClear(actor, level));
  const where = await peopleWhere(ctx, actor, filter);
  await fillSortKeys(ctx.db, actor.tenantId);
  const rows = await queryRows<ExportRowData>(
    ctx.db,
    sql`select p.*, o.name as org_name, o.path as org_path from people p join orgs o on o.id = p.org_id
        where ${where} order by o.path, ${byName}`,
  );
  const revealed: string[] = [];
  const persons = rows.map((r) => {
    const reveal =
      !!clear &&
      canExportClearOf(actor, level, {
        id: r.id,
        tenantId: r.tenant_id,
        orgPath: r.org_path,
        endedOn: r.ended_on,
      });
    if (reveal) revealed.push(r.id);
    return exportPerson(r, (enc) => (reveal ? decrypt(ctx.keys, enc) : null));
  });

  const workbook = newWorkbook();
  const sheet = addRosterSheet(workbook, null);
  persons.forEach((p, i) => {
    sheet.addRow(exportRow(i + 1, p));
  });
  const data = await workbookBuffer(workbook);
  if (clear)
    await ctx.db.transaction((tx) =>
      audit(tx, actor, {
        action: 'person.export_clear',
        details: {
          reason: clear.reason,
          count: persons.length,
          clear: revealed.length,
          people: revealed,
          filter: {
            orgId: filter.orgId ?? null,
            partyStatus: filter.partyStatus ?? null,
            q: filter.q ?? null,
          },
        },
      }),
    );
  return { data, fileName: `花名册-${todayLocal().replaceAll('-', '')}.xlsx`, count: persons.length };
}
