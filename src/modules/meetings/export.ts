import { sql } from 'drizzle-orm';
import { orgs } from '../../kernel/orgs/api';
import { people } from '../../kernel/people/api';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { dayjs, todayLocal, ZONE } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { addLedgerSheet, type LedgerCell, newWorkbook, workbookBuffer } from '../../platform/excel';
import type { ExportQuery } from './contract';
import { meetingsFrom, meetingsWhere } from './queries';
import { ATTENDANCE_LABELS, type AttendanceEntry } from './rules';
import {
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  type MeetingKind,
  type MeetingStatus,
} from './rules-kinds';
import { classHoursOf, type MeetingSettings } from './rules-settings';
import { loadSettings } from './settings';

/**
 * The 台账 of organization life for any scope and period. A ledger is whole or refused: above
 * MAX_LEDGER_ROWS the caller is asked to narrow the scope (a cut 台账 could pass for the whole).
 */
export const MAX_LEDGER_ROWS = 20000;
/** The roll-call sheet is written only for ledgers small enough to read (one branch, one general branch). */
const MAX_DETAIL_MEETINGS = 3000;

const time = (v: Date | string | null) => (v ? dayjs(v).tz(ZONE).format('YYYY-MM-DD HH:mm') : '');

interface LedgerRow {
  org_name: string;
  branch_name: string;
  general_name: string | null;
  kind: MeetingKind;
  topic: string;
  held_at: Date | string;
  place: string;
  host: string | null;
  recorder: string | null;
  lecturer: string | null;
  class_hours: number | string | null;
  attendance: AttendanceEntry[] | null;
  expected_count: number;
  present_count: number;
  leave_count: number;
  status: MeetingStatus;
  late: boolean;
  recorded_at: Date | string;
  first_submitted_at: Date | string | null;
  reviewer_name: string | null;
  reviewed_at: Date | string | null;
  resolutions: string | null;
}

const LEDGER_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '党总支', width: 16 },
  { header: '党支部', width: 20 },
  { header: '召开组织', width: 16 },
  { header: '类型', width: 12 },
  { header: '主题', width: 32 },
  { header: '召开时间', width: 17 },
  { header: '地点', width: 16 },
  { header: '主持人', width: 8 },
  { header: '记录人', width: 8 },
  { header: '授课人', width: 8 },
  { header: '学时', width: 6 },
  { header: '应到', width: 6 },
  { header: '出席', width: 6 },
  { header: '请假', width: 6 },
  { header: '缺席', width: 6 },
  { header: '出勤率', width: 8 },
  { header: '状态', width: 8 },
  { header: '补录', width: 6 },
  { header: '记录时间', width: 17 },
  { header: '提交时间', width: 17 },
  { header: '审核人', width: 16 },
  { header: '审核时间', width: 17 },
  { header: '决议', width: 30 },
];

const DETAIL_COLUMNS = [
  { header: '党支部', width: 20 },
  { header: '类型', width: 12 },
  { header: '召开时间', width: 17 },
  { header: '姓名', width: 10 },
  { header: '党员类别', width: 10 },
  { header: '出勤', width: 8 },
  { header: '请假原因', width: 14 },
  { header: '补学日期', width: 12 },
  { header: '补学方式', width: 18 },
];

const ledgerLine =
  (settings: MeetingSettings) =>
  (r: LedgerRow, i: number): LedgerCell[] => [
    i + 1,
    r.general_name ?? '',
    r.branch_name,
    r.org_name,
    MEETING_KIND_LABELS[r.kind],
    r.topic,
    time(r.held_at),
    r.place,
    r.host ?? '',
    r.recorder ?? '',
    r.lecturer ?? '',
    classHoursOf({ kind: r.kind, classHours: r.class_hours }, settings),
    r.expected_count,
    r.present_count,
    r.leave_count,
    Math.max(0, r.expected_count - r.present_count - r.leave_count),
    r.expected_count ? `${Math.round((r.present_count / r.expected_count) * 100)}%` : '',
    MEETING_STATUS_LABELS[r.status],
    r.late ? '补录' : '',
    time(r.recorded_at),
    time(r.first_submitted_at),
    r.reviewer_name ?? '',
    time(r.reviewed_at),
    r.resolutions ?? '',
  ];

const detailLines = (rows: LedgerRow[]): LedgerCell[][] =>
  rows.flatMap((r) =>
    (r.attendance ?? []).map((a) => [
      r.org_name,
      MEETING_KIND_LABELS[r.kind],
      time(r.held_at),
      a.name,
      a.partyStatus === 'full' ? '正式党员' : '预备党员',
      ATTENDANCE_LABELS[a.status],
      a.reason ?? '',
      a.makeUpOn ?? '',
      a.makeUpHow ?? '',
    ]),
  );

/** The 台账 as an .xlsx workbook: the ledger sheet and, for a readable scope, the roll calls. */
export async function exportLedger(ctx: AppContext, actor: Actor, f: ExportQuery) {
  const where = await meetingsWhere(ctx, actor, { ...f, withoutCancelled: true });
  const [{ n }] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from ${meetingsFrom} where ${where}`,
  );
  if (n > MAX_LEDGER_ROWS)
    throw invalid({ from: `台账一次最多导出 ${MAX_LEDGER_ROWS} 条，请缩小范围或时间段` }, '导出范围过大');
  // Roll calls are read only for the detail sheet: for a large scope they are most of the bytes.
  const withRollCall = n <= MAX_DETAIL_MEETINGS;
  const rows = await queryRows<LedgerRow>(
    ctx.db,
    sql`select o.name as org_name, b.name as branch_name, g.name as general_name, m.kind, m.topic, m.held_at, m.place,
          h.name as host, r.name as recorder, m.lecturer, m.class_hours, ${withRollCall ? sql`m.attendance` : sql`null`} as attendance,
          m.expected_count, m.present_count,
          (select count(*) from jsonb_array_elements(m.attendance) e where e->>'status' = 'leave')::int as leave_count,
          m.status, m.late, m.recorded_at, m.first_submitted_at, m.reviewer_name, m.reviewed_at, m.resolutions
        from ${meetingsFrom} left join ${orgs} g on g.id = b.parent_id
          left join ${people} h on h.id = m.host_person_id left join ${people} r on r.id = m.recorder_person_id
        where ${where} order by g.sort_order, b.sort_order, b.code, m.held_at`,
  );
  const settings = await loadSettings(ctx.db, actor.tenantId);
  const period = `${f.from ?? '最早'} 至 ${f.to ?? todayLocal()}`;
  const wb = newWorkbook();
  addLedgerSheet(wb, `组织生活台账（${period}）`, LEDGER_COLUMNS, rows.map(ledgerLine(settings))).name =
    '组织生活台账';
  if (withRollCall)
    addLedgerSheet(wb, `出勤明细（${period}）`, DETAIL_COLUMNS, detailLines(rows)).name = '出勤明细';
  const data = await workbookBuffer(wb);
  await ctx.db.transaction((tx) =>
    audit(tx, actor, { action: 'meeting.export', details: { ...f, rows: rows.length } }),
  );
  return { data, fileName: `组织生活台账_${f.from ?? ''}_${f.to ?? todayLocal()}.xlsx` };
}
