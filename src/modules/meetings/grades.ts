import { sql } from 'drizzle-orm';
import { orgs } from '../../kernel/orgs/api';
import { type Actor, pathSql } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { conflict, invalid } from '../../platform/errors';
import { addLedgerSheet, newWorkbook, workbookBuffer } from '../../platform/excel';
import { newId } from '../../platform/ids';
import { counted } from './compliance';
import type { FollowUpItem, MemberRecord } from './contract-grades';
import { recorderPaths } from './policy';
import { meetingsWhere } from './queries';
import { authorizeMeeting, lockMeeting } from './records';
import {
  type AttendanceEntry,
  FOLLOW_UP_LABELS,
  followUpOf,
  GRADE_LABELS,
  type Grade,
  type GradeInput,
  inAttendanceExpected,
} from './roll';
import { COUNTED_STATUSES, type MeetingStatus } from './rules-kinds';
import { reviewFollowUpEntity, reviewFollowUps } from './tables';

/**
 * 民主评议党员 grades after the meeting: the follow-ups 基本合格 and 不合格 call for (on the secretary's
 * to-do until marked done), a member's record by year, and the grades ledger.
 */

/** The open follow-ups of the branches a secretary records for: graded in a counted review, not yet done. */
export async function openFollowUps(db: Executor, actor: Actor): Promise<FollowUpItem[]> {
  const paths = recorderPaths(actor);
  if (!paths.length) return [];
  const rows = await queryRows<{
    meeting_id: string;
    held_on: string;
    branch_name: string;
    grades: GradeInput[];
    attendance: AttendanceEntry[];
  }>(
    db,
    sql`select m.id as meeting_id, m.held_on, b.name as branch_name, m.grades, m.attendance
        from meetings m join ${orgs} b on b.id = m.branch_id
        where m.tenant_id = ${actor.tenantId} and m.kind = 'democratic_review' and ${counted('m')}
          and ${pathSql(sql`b.path`, paths)}
          and jsonb_path_exists(m.grades, '$[*] ? (@.grade == "basically_qualified" || @.grade == "unqualified")')
        order by m.held_on desc`,
  );
  if (!rows.length) return [];
  const done = await queryRows<{ meeting_id: string; person_id: string }>(
    db,
    sql`select meeting_id, person_id from ${reviewFollowUps} where tenant_id = ${actor.tenantId}`,
  );
  const closed = new Set(done.map((d) => `${d.meeting_id}/${d.person_id}`));
  return rows.flatMap((r) =>
    r.grades
      .filter((g) => followUpOf(g.grade) && !closed.has(`${r.meeting_id}/${g.personId}`))
      .map((g) => {
        const followUp = followUpOf(g.grade)!;
        return {
          meetingId: r.meeting_id,
          heldOn: r.held_on,
          branchName: r.branch_name,
          personId: g.personId,
          name: r.attendance.find((a) => a.personId === g.personId)?.name ?? '',
          grade: g.grade,
          gradeLabel: GRADE_LABELS[g.grade],
          followUp,
          followUpLabel: FOLLOW_UP_LABELS[followUp],
        };
      }),
  );
}

/** The secretary marks a follow-up done (the talk held, the handling decided), with a note. */
export async function closeFollowUp(
  ctx: AppContext,
  actor: Actor,
  meetingId: string,
  input: { personId: string; doneOn: string; note: string },
) {
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    const m = await authorizeMeeting(tx, actor, meetingId, 'update');
    if (!COUNTED_STATUSES.includes(m.status as MeetingStatus))
      throw conflict('评议记录提交后才能登记整改跟进');
    const grade = (m.grades ?? []).find((g) => g.personId === input.personId);
    if (!grade || !followUpOf(grade.grade))
      throw invalid({ personId: '党员：本次评议中没有需要跟进的等次（基本合格、不合格）' });
    if (input.doneOn < m.heldOn) throw invalid({ doneOn: `完成日期：不能早于评议日期（${m.heldOn}）` });
    if (input.doneOn > todayLocal()) throw invalid({ doneOn: '完成日期：不能晚于今天' });
    const id = newId();
    const inserted = await tx
      .insert(reviewFollowUps)
      .values({
        id,
        tenantId: actor.tenantId,
        meetingId,
        personId: input.personId,
        doneOn: input.doneOn,
        note: input.note,
        doneByName: actor.displayName,
        createdAt: new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: reviewFollowUps.id });
    if (!inserted.length) throw conflict('该跟进已登记完成');
    await audit(tx, actor, {
      action: 'meeting.follow_up',
      target: { entity: reviewFollowUpEntity, id },
      details: { meetingId, personId: input.personId, grade: grade.grade },
    });
  });
}

/**
 * A member's organization-life record by year: attendance at the records the caller may read (the member
 * themselves, or those who supervise their branch) and the 民主评议 grade of each year.
 */
export async function memberRecord(ctx: AppContext, actor: Actor, personId: string): Promise<MemberRecord> {
  const where = await meetingsWhere(ctx, actor, { withoutCancelled: true });
  const rows = await queryRows<{
    id: string;
    kind: string;
    held_on: string;
    status: string;
    branch_name: string;
    line: AttendanceEntry;
    grade: Grade | null;
  }>(
    ctx.db,
    sql`select m.id, m.kind, m.held_on, m.status, b.name as branch_name, e as line,
          (select g->>'grade' from jsonb_array_elements(coalesce(m.grades, '[]'::jsonb)) g
            where g->>'personId' = ${personId} limit 1) as grade
        from meetings m join ${orgs} o on o.id = m.org_id join ${orgs} b on b.id = m.branch_id
          cross join lateral jsonb_array_elements(m.attendance) e
        where ${where} and ${counted('m')} and e->>'personId' = ${personId}
        order by m.held_on desc`,
  );
  const years = new Map<number, MemberRecord['years'][number]>();
  for (const r of rows) {
    const year = Number(r.held_on.slice(0, 4));
    const y = years.get(year) ?? {
      year,
      expected: 0,
      present: 0,
      leave: 0,
      absent: 0,
      madeUp: 0,
      rate: null,
      grade: null,
    };
    const line = r.line;
    if (!line.guest) {
      if (inAttendanceExpected(line)) y.expected += 1;
      if (line.status === 'present' && inAttendanceExpected(line)) y.present += 1;
      if (line.status === 'leave') y.leave += 1;
      if (line.status === 'absent') y.absent += 1;
      if (line.status !== 'present' && line.makeUpOn) y.madeUp += 1;
    }
    if (r.grade && !y.grade)
      y.grade = {
        grade: r.grade,
        label: GRADE_LABELS[r.grade],
        meetingId: r.id,
        heldOn: r.held_on,
        branchName: r.branch_name,
      };
    years.set(year, y);
  }
  const list = [...years.values()]
    .map((y) => ({ ...y, rate: y.expected ? y.present / y.expected : null }))
    .sort((a, b) => b.year - a.year);
  return { personId, name: rows[0]?.line.name ?? null, years: list };
}

const LEDGER_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '党总支', width: 16 },
  { header: '党支部', width: 22 },
  { header: '评议日期', width: 12 },
  { header: '姓名', width: 10 },
  { header: '等次', width: 10 },
  { header: '整改跟进', width: 40 },
  { header: '跟进完成', width: 24 },
  { header: '记录状态', width: 10 },
];

/** The grades ledger (.xlsx) of a year in the caller's scope: every graded member of every counted review. */
export async function gradesLedger(ctx: AppContext, actor: Actor, q: { orgId?: string; year: number }) {
  const where = await meetingsWhere(ctx, actor, {
    orgId: q.orgId,
    kind: 'democratic_review',
    from: `${q.year}-01-01`,
    to: `${q.year}-12-31`,
    withoutCancelled: true,
  });
  const rows = await queryRows<{
    id: string;
    general_name: string | null;
    branch_name: string;
    held_on: string;
    status: string;
    grades: GradeInput[] | null;
    attendance: AttendanceEntry[];
  }>(
    ctx.db,
    sql`select m.id, g.name as general_name, b.name as branch_name, m.held_on, m.status, m.grades, m.attendance
        from meetings m join ${orgs} o on o.id = m.org_id join ${orgs} b on b.id = m.branch_id
          left join ${orgs} g on g.id = b.parent_id
        where ${where} and ${counted('m')} order by g.sort_order, b.sort_order, b.code, m.held_on`,
  );
  const done = await queryRows<{ meeting_id: string; person_id: string; done_on: string; note: string }>(
    ctx.db,
    sql`select meeting_id, person_id, done_on, note from ${reviewFollowUps} where tenant_id = ${actor.tenantId}`,
  );
  const doneOf = new Map(done.map((d) => [`${d.meeting_id}/${d.person_id}`, d]));
  let n = 0;
  const lines = rows.flatMap((r) =>
    (r.grades ?? []).map((g) => {
      const follow = followUpOf(g.grade);
      const d = doneOf.get(`${r.id}/${g.personId}`);
      n += 1;
      return [
        n,
        r.general_name ?? '',
        r.branch_name,
        r.held_on,
        r.attendance.find((a) => a.personId === g.personId)?.name ?? '',
        GRADE_LABELS[g.grade],
        follow ? FOLLOW_UP_LABELS[follow] : '',
        follow ? (d ? `${d.done_on} ${d.note}` : '待跟进') : '',
        r.status === 'approved' ? '已审核' : r.status === 'returned' ? '已退回' : '待审核',
      ];
    }),
  );
  const wb = newWorkbook();
  addLedgerSheet(wb, `民主评议党员等次台账（${q.year}年）`, LEDGER_COLUMNS, lines).name = '评议等次';
  const data = await workbookBuffer(wb);
  await ctx.db.transaction((tx) =>
    audit(tx, actor, { action: 'meeting.grades.export', details: { ...q, rows: lines.length } }),
  );
  return { data, fileName: `民主评议党员等次台账_${q.year}.xlsx` };
}
