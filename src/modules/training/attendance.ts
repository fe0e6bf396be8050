import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { managedPaths } from '../../platform/access';
import { type AuditEvent, audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { conflict, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, hide } from '../../platform/policy';
import { loadClass } from './classes';
import { num } from './common';
import type { AttendanceBody, Certificate } from './contract';
import { certificateNo } from './rules';
import { participantEntity, trainingParticipants } from './tables';

/** Attendance with the hours it credits, sign-up and withdrawal, named participants, completion records. */

/** Locks the class row: capacity and completion numbers are decided one request at a time. */
const lockClass = (tx: Executor, id: string) =>
  tx.execute(sql`select id from training_classes where id = ${id} for update`);

export async function recordAttendance(
  ctx: AppContext,
  actor: Actor,
  classId: string,
  input: AttendanceBody,
) {
  return ctx.db.transaction(async (tx) => {
    await lockClass(tx, classId);
    const { row, today } = await loadClass(tx, actor, classId, 'manage');
    if (today < row.starts_on) throw conflict(`开班（${row.starts_on}）前不能记录考勤`);
    const classHours = num(row.hours);
    const existing = await queryRows<{
      id: string;
      person_id: string;
      status: string;
      hours: string | null;
      certificate_no: string | null;
    }>(
      tx,
      sql`select id, person_id, status, hours, certificate_no from training_participants
          where class_id = ${classId} and status <> 'withdrawn'`,
    );
    const byPerson = new Map(existing.map((p) => [p.person_id, p]));
    const seen = new Set<string>();
    const errors: Record<string, string> = {};
    input.items.forEach((it, i) => {
      if (!byPerson.has(it.personId)) errors[`items.${i}.personId`] = '不是本班学员（请先添加学员）';
      else if (seen.has(it.personId)) errors[`items.${i}.personId`] = '同一学员重复';
      if (it.hours !== undefined && it.status !== 'present')
        errors[`items.${i}.hours`] = '只有出勤的学员认定学时';
      if (it.hours !== undefined && it.hours > classHours)
        errors[`items.${i}.hours`] = `不能超过本班的 ${classHours} 学时`;
      seen.add(it.personId);
    });
    if (Object.keys(errors).length) throw invalid(errors);
    let serial = existing.reduce((m, p) => Math.max(m, Number(p.certificate_no?.split('-').pop() ?? 0)), 0);
    const now = new Date();
    const events: AuditEvent[] = [];
    for (const it of input.items) {
      const p = byPerson.get(it.personId)!;
      const hours = it.status === 'present' ? (it.hours ?? classHours) : null;
      if (p.status === it.status && (p.hours == null ? null : num(p.hours)) === hours) continue;
      const cert =
        it.status === 'present' && !p.certificate_no ? certificateNo(row.code, ++serial) : p.certificate_no;
      await tx
        .update(trainingParticipants)
        .set({
          status: it.status,
          hours,
          certificateNo: cert,
          attendanceAt: now,
          attendanceByName: actor.displayName,
        })
        .where(eq(trainingParticipants.id, p.id));
      events.push({
        action: 'training_participant.attendance',
        target: { entity: participantEntity, id: p.id },
        details: { classId, personId: it.personId, from: p.status, to: it.status, hours },
      });
    }
    if (events.length) await audit(tx, actor, events);
    return { changed: events.length };
  });
}

/** A member signs up for a sign-up class in their branch's scope, while places and time remain. */
export async function signUp(ctx: AppContext, actor: Actor, classId: string) {
  await ctx.db.transaction(async (tx) => {
    await lockClass(tx, classId);
    await loadClass(tx, actor, classId, 'signup');
    const [me] = await queryRows<{ org_id: string }>(
      tx,
      sql`select org_id from people where id = ${actor.personId}`,
    );
    const [prior] = await tx
      .select()
      .from(trainingParticipants)
      .where(
        and(eq(trainingParticipants.classId, classId), eq(trainingParticipants.personId, actor.personId!)),
      );
    const id = prior?.id ?? newId();
    if (prior)
      await tx
        .update(trainingParticipants)
        .set({ status: 'enrolled', source: 'signup', orgId: me.org_id, enrolledAt: new Date() })
        .where(eq(trainingParticipants.id, id));
    else
      await tx.insert(trainingParticipants).values({
        id,
        tenantId: actor.tenantId,
        classId,
        personId: actor.personId!,
        orgId: me.org_id,
        source: 'signup',
        status: 'enrolled',
        enrolledAt: new Date(),
      });
    await audit(tx, actor, {
      action: 'training_participant.signup',
      target: { entity: participantEntity, id },
      details: { classId },
    });
  });
}

export async function withdraw(ctx: AppContext, actor: Actor, classId: string) {
  await ctx.db.transaction(async (tx) => {
    await loadClass(tx, actor, classId, 'withdraw');
    const [p] = await tx
      .select()
      .from(trainingParticipants)
      .where(
        and(eq(trainingParticipants.classId, classId), eq(trainingParticipants.personId, actor.personId!)),
      );
    await tx
      .update(trainingParticipants)
      .set({ status: 'withdrawn' })
      .where(eq(trainingParticipants.id, p.id));
    await audit(tx, actor, {
      action: 'training_participant.withdraw',
      target: { entity: participantEntity, id: p.id },
      details: { classId },
    });
  });
}

/** The organizer names more participants: current people of its subtree, within the capacity. */
export async function addParticipants(ctx: AppContext, actor: Actor, classId: string, personIds: string[]) {
  return ctx.db.transaction(async (tx) => {
    await lockClass(tx, classId);
    const { row } = await loadClass(tx, actor, classId, 'manage');
    if (new Set(personIds).size !== personIds.length) throw invalid({ personIds: '人员重复' });
    const people = await queryRows<{ id: string; org_id: string; path: string }>(
      tx,
      sql`select p.id, p.org_id, o.path from people p join orgs o on o.id = p.org_id
          where p.tenant_id = ${actor.tenantId} and p.ended_on is null and p.id in (${uuidList(personIds)})`,
    );
    const found = new Map(people.map((p) => [p.id, p]));
    const current = await queryRows<{ id: string; person_id: string; status: string }>(
      tx,
      sql`select id, person_id, status from training_participants where class_id = ${classId}`,
    );
    const prior = new Map(current.map((c) => [c.person_id, c]));
    const errors: Record<string, string> = {};
    personIds.forEach((id, i) => {
      const p = found.get(id);
      if (!p?.path.startsWith(row.org_path))
        errors[`personIds.${i}`] = `该人员不存在或不在${row.org_name}的范围内`;
      else if (prior.get(id) && prior.get(id)!.status !== 'withdrawn')
        errors[`personIds.${i}`] = '已是本班学员';
    });
    if (Object.keys(errors).length) throw invalid(errors);
    if (row.capacity !== null && row.participants + personIds.length > row.capacity)
      throw invalid({ personIds: `名额已满：本班 ${row.capacity} 人，已有 ${row.participants} 人` });
    const now = new Date();
    const events: AuditEvent[] = [];
    for (const id of personIds) {
      const p = found.get(id)!;
      const before = prior.get(id);
      const pid = before?.id ?? newId();
      if (before)
        await tx
          .update(trainingParticipants)
          .set({ status: 'enrolled', source: 'assigned', orgId: p.org_id, enrolledAt: now })
          .where(eq(trainingParticipants.id, pid));
      else
        await tx.insert(trainingParticipants).values({
          id: pid,
          tenantId: actor.tenantId,
          classId,
          personId: id,
          orgId: p.org_id,
          source: 'assigned',
          status: 'enrolled',
          enrolledAt: now,
        });
      events.push({
        action: 'training_participant.enroll',
        target: { entity: participantEntity, id: pid },
        details: { classId, personId: id },
      });
    }
    await audit(tx, actor, events);
    return { added: personIds.length };
  });
}

/** A participant's completion record: the person themself, the organizer's managers, their branch's managers. */
export async function getCertificate(
  ctx: AppContext,
  actor: Actor,
  participantId: string,
): Promise<Certificate> {
  const [r] = await queryRows<{
    id: string;
    tenant_id: string;
    class_id: string;
    person_id: string;
    status: string;
    certificate_no: string | null;
    hours: string | null;
    attendance_at: Date | string | null;
    person_name: string;
    person_org_name: string;
    person_org_path: string;
    organizer_path: string;
    organizer: string;
    title: string;
    code: string;
    starts_on: string;
    ends_on: string;
    course_ids: string[] | string;
  }>(
    ctx.db,
    sql`select tp.id, tp.tenant_id, tp.class_id, tp.person_id, tp.status, tp.certificate_no, tp.hours, tp.attendance_at,
               p.name as person_name, po.name as person_org_name, po.path as person_org_path,
               oo.path as organizer_path, oo.name as organizer, c.title, c.code, c.starts_on, c.ends_on, c.course_ids
        from training_participants tp join training_classes c on c.id = tp.class_id
        join people p on p.id = tp.person_id join orgs po on po.id = tp.org_id join orgs oo on oo.id = c.org_id
        where tp.id = ${participantId} and tp.tenant_id = ${actor.tenantId}`,
  );
  const paths = managedPaths(actor);
  const allowed =
    r &&
    actor.adminRole === null &&
    (r.person_id === actor.personId ||
      paths.some((p) => r.organizer_path.startsWith(p) || r.person_org_path.startsWith(p)));
  if (!allowed) enforce(hide('结业记录'));
  if (r.status !== 'present' || !r.certificate_no) throw notFound('结业记录');
  const ids = typeof r.course_ids === 'string' ? (JSON.parse(r.course_ids) as string[]) : r.course_ids;
  const courses = ids.length
    ? await queryRows<{ id: string; title: string }>(
        ctx.db,
        sql`select id, title from training_courses where id in (${uuidList(ids)})`,
      )
    : [];
  return {
    id: r.id,
    no: r.certificate_no,
    personName: r.person_name,
    orgName: r.person_org_name,
    classTitle: r.title,
    classCode: r.code,
    organizer: r.organizer,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    hours: num(r.hours),
    courses: ids.map((id) => courses.find((c) => c.id === id)?.title).filter((t): t is string => !!t),
    issuedOn: r.ends_on,
  };
}

/** The caller's completion records (for 我的学习). */
export async function myCertificates(db: Executor, actor: Actor) {
  if (!actor.personId) return [];
  const rows = await queryRows<{
    id: string;
    certificate_no: string;
    title: string;
    ends_on: string;
    hours: string;
  }>(
    db,
    sql`select tp.id, tp.certificate_no, c.title, c.ends_on, tp.hours from training_participants tp
        join training_classes c on c.id = tp.class_id
        where tp.person_id = ${actor.personId} and tp.status = 'present' and tp.certificate_no is not null
        order by c.ends_on desc limit 50`,
  );
  return rows.map((r) => ({
    id: r.id,
    no: r.certificate_no,
    classTitle: r.title,
    endsOn: r.ends_on,
    hours: num(r.hours),
  }));
}
