import { sql } from 'drizzle-orm';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import {
  COUNTED_STATUSES,
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  type MeetingKind,
  type MeetingStatus,
} from './rules-kinds';

/**
 * Reads for the supervision modules (tasks prefill a form with meeting counts; an online inspection
 * reads a branch's records in place). Authorization is the caller's: these take ids the caller has
 * already authorized.
 */

const counted = () =>
  sql`m.status in (${sql.join(
    COUNTED_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  )})`;

/** Meetings that count as held, per branch and kind, held from `from` to `to` (inclusive). */
export async function meetingCounts(
  db: Executor,
  tenantId: string,
  branchIds: string[],
  from: string,
  to: string,
): Promise<{ branchId: string; kind: string; count: number }[]> {
  if (!branchIds.length) return [];
  const rows = await queryRows<{ branch_id: string; kind: string; n: number }>(
    db,
    sql`select m.branch_id, m.kind, count(*)::int as n from meetings m
        where m.tenant_id = ${tenantId} and m.branch_id in (${uuidList(branchIds)}) and ${counted()}
          and m.held_on between ${from} and ${to}
        group by m.branch_id, m.kind`,
  );
  return rows.map((r) => ({ branchId: r.branch_id, kind: r.kind, count: r.n }));
}

export interface MeetingBrief {
  id: string;
  kind: string;
  kindLabel: string;
  topic: string;
  heldOn: string;
  /** The branch or party group that held it. */
  orgName: string;
  status: string;
  statusLabel: string;
  late: boolean;
  expected: number;
  present: number;
  /** The web page of the record. */
  link: string;
}

/** A branch's meeting records (drafts left out) held from `from` to `to`, newest first. */
export async function branchMeetings(
  db: Executor,
  tenantId: string,
  branchId: string,
  from: string,
  to: string,
  limit = 200,
): Promise<MeetingBrief[]> {
  const rows = await queryRows<{
    id: string;
    kind: MeetingKind;
    topic: string;
    held_on: string;
    org_name: string;
    status: MeetingStatus;
    late: boolean;
    expected_count: number;
    present_count: number;
  }>(
    db,
    sql`select m.id, m.kind, m.topic, m.held_on, o.name as org_name, m.status, m.late, m.expected_count, m.present_count
        from meetings m join orgs o on o.id = m.org_id
        where m.tenant_id = ${tenantId} and m.branch_id = ${branchId} and m.status <> 'draft'
          and m.held_on between ${from} and ${to}
        order by m.held_on desc, m.id desc limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    kindLabel: MEETING_KIND_LABELS[r.kind] ?? r.kind,
    topic: r.topic,
    heldOn: r.held_on,
    orgName: r.org_name,
    status: r.status,
    statusLabel: MEETING_STATUS_LABELS[r.status] ?? r.status,
    late: r.late,
    expected: r.expected_count,
    present: r.present_count,
    link: `/meetings/${r.id}`,
  }));
}
