import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, managedPaths, orgInPaths } from '../../platform/access';
import { type AuditEvent, audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, permitted } from '../../platform/policy';
import { checkScopeOrgs, concernsActor, myBranchPath, num, organizerOrg, scopePathsSql } from './common';
import type { ClassDetail, ClassItem, ClassListQuery, CreateClassBody } from './contract';
import { MEMBER_STATUSES } from './ledger';
import { type ClassAction, canOnClass, seesTraining } from './policy';
import { classCode, PARTICIPANT_STATUS_LABELS } from './rules';
import { classEntity, participantEntity, trainingClasses, trainingParticipants } from './tables';

/** 班次: planned by an organizer for an org subtree or named people; sign-up or assignment. */

type Org = { id: string; path: string; name: string };

/** Named participants: current people in the organizer's subtree. */
async function checkPeople(
  db: Executor,
  actor: Actor,
  organizer: Org,
  ids: readonly string[],
  field: string,
) {
  if (!ids.length) return [];
  if (new Set(ids).size !== ids.length) throw invalid({ [field]: '人员重复' });
  const rows = await queryRows<{ id: string; org_id: string; path: string }>(
    db,
    sql`select p.id, p.org_id, o.path from people p join orgs o on o.id = p.org_id
        where p.tenant_id = ${actor.tenantId} and p.ended_on is null and p.id in (${uuidList([...ids])})`,
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id, i) => {
    const p = found.get(id);
    if (!p?.path.startsWith(organizer.path))
      throw invalid({ [`${field}.${i}`]: `该人员不存在或不在${organizer.name}的范围内` });
    return { personId: p.id, orgId: p.org_id };
  });
}

/** Courses a class may use: the organizer's own, those of organizations above it, and those below it. */
async function checkCourses(db: Executor, actor: Actor, organizer: Org, ids: readonly string[]) {
  if (!ids.length) return;
  if (new Set(ids).size !== ids.length) throw invalid({ courseIds: '课程重复' });
  const rows = await queryRows<{ id: string; path: string }>(
    db,
    sql`select c.id, o.path from training_courses c join orgs o on o.id = c.org_id
        where c.tenant_id = ${actor.tenantId} and c.id in (${uuidList([...ids])})`,
  );
  const found = new Map(rows.map((r) => [r.id, r.path]));
  ids.forEach((id, i) => {
    const path = found.get(id);
    if (!path || !(organizer.path.startsWith(path) || path.startsWith(organizer.path)))
      throw invalid({ [`courseIds.${i}`]: '课程不存在或不能用于本组织的培训班' });
  });
}

function checkDates(input: CreateClassBody) {
  const errors: Record<string, string> = {};
  if (input.endsOn < input.startsOn) errors.endsOn = '结业日期不能早于开班日期';
  if (input.signupUntil && input.signupUntil > input.endsOn) errors.signupUntil = '报名截止不能晚于结业日期';
  if (input.startsOn.slice(0, 4) !== input.endsOn.slice(0, 4))
    errors.endsOn = '一个班次不跨年（学时按年度统计）';
  if (Object.keys(errors).length) throw invalid(errors);
}

/** The party members of the given subtrees today. */
async function membersOf(db: Executor, tenantId: string, paths: string[]) {
  if (!paths.length) return [];
  return queryRows<{ person_id: string; org_id: string }>(
    db,
    sql`select p.id as person_id, p.org_id from people p join orgs o on o.id = p.org_id
        where p.tenant_id = ${tenantId} and p.ended_on is null and p.party_status in ${MEMBER_STATUSES}
          and (${sql.join(
            paths.map((p) => sql`o.path like ${`${p}%`}`),
            sql` or `,
          )})`,
  );
}

async function nextCode(tx: Executor, tenantId: string, year: number): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`training-class-code:${tenantId}`}))`);
  const [r] = await queryRows<{ n: number }>(
    tx,
    sql`select coalesce(max(split_part(code, '-', 2)::int), 0)::int as n from training_classes
        where tenant_id = ${tenantId} and code like ${`${year}-%`}`,
  );
  return classCode(year, r.n + 1);
}

async function checkSurvey(db: Executor, actor: Actor, organizer: Org, surveyId: string | null | undefined) {
  if (!surveyId) return;
  const [s] = await queryRows<{ path: string }>(
    db,
    sql`select o.path from training_surveys s join orgs o on o.id = s.org_id where s.id = ${surveyId} and s.tenant_id = ${actor.tenantId}`,
  );
  if (!s || !(organizer.path.startsWith(s.path) || s.path.startsWith(organizer.path)))
    throw invalid({ surveyId: '需求调查不存在或与主办组织无关' });
}

/** Plans a class; with assignment, the members of the participant organizations and the named people are enrolled. */
export async function createClass(
  ctx: AppContext,
  actor: Actor,
  input: CreateClassBody,
): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const organizer = await organizerOrg(tx, actor, input.orgId, 'class');
    checkDates(input);
    const enrollment = input.enrollment ?? 'assign';
    const scopeOrgs = await checkScopeOrgs(
      tx,
      actor.tenantId,
      organizer.path,
      input.participantOrgIds,
      'participantOrgIds',
    );
    const named = await checkPeople(
      tx,
      actor,
      organizer,
      input.participantPersonIds ?? [],
      'participantPersonIds',
    );
    if (enrollment === 'signup' && scopeOrgs.length === 0)
      throw invalid({ participantOrgIds: '报名制的班次请选择可以报名的组织' });
    if (enrollment === 'assign' && scopeOrgs.length === 0 && named.length === 0)
      throw invalid({ participantOrgIds: '请选择参训组织或参训人员' });
    await checkCourses(tx, actor, organizer, input.courseIds ?? []);
    await checkSurvey(tx, actor, organizer, input.surveyId);
    const enrolled = new Map<string, string>();
    if (enrollment === 'assign')
      for (const m of await membersOf(
        tx,
        actor.tenantId,
        scopeOrgs.map((o) => o.path),
      ))
        enrolled.set(m.person_id, m.org_id);
    for (const p of named) enrolled.set(p.personId, p.orgId);
    if (input.capacity && enrolled.size > input.capacity)
      throw invalid({ capacity: `名额 ${input.capacity} 人少于指定的 ${enrolled.size} 名学员` });
    const now = new Date();
    const id = newId();
    await tx.insert(trainingClasses).values({
      id,
      tenantId: actor.tenantId,
      orgId: organizer.id,
      code: await nextCode(tx, actor.tenantId, Number(input.startsOn.slice(0, 4))),
      title: input.title,
      topic: input.topic ?? null,
      description: input.description ?? null,
      surveyId: input.surveyId ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      place: input.place ?? null,
      online: input.online ?? false,
      onlineUrl: input.onlineUrl ?? null,
      hours: input.hours,
      capacity: input.capacity ?? null,
      enrollment,
      signupUntil: enrollment === 'signup' ? (input.signupUntil ?? input.startsOn) : null,
      participantOrgIds: scopeOrgs.map((o) => o.id),
      courseIds: input.courseIds ?? [],
      createdBy: actor.accountId,
      createdByName: actor.displayName,
      createdAt: now,
      updatedAt: now,
    });
    const rows = [...enrolled].map(([personId, orgId]) => ({
      id: newId(),
      tenantId: actor.tenantId,
      classId: id,
      personId,
      orgId,
      source: 'assigned',
      status: 'enrolled',
      enrolledAt: now,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await tx.insert(trainingParticipants).values(rows.slice(i, i + 500));
    const events: AuditEvent[] = [
      {
        action: 'training_class.create',
        target: { entity: classEntity, id },
        details: { orgId: organizer.id, title: input.title, participants: rows.length },
      },
      ...rows.map((r) => ({
        action: 'training_participant.enroll',
        target: { entity: participantEntity, id: r.id },
        details: { classId: id, personId: r.personId },
      })),
    ];
    await audit(tx, actor, events);
    return { id };
  });
}

// ---- reading ----

export type ClassRow = {
  id: string;
  tenant_id: string;
  code: string;
  org_id: string;
  org_name: string;
  org_path: string;
  title: string;
  topic: string | null;
  description: string | null;
  survey_id: string | null;
  starts_on: string;
  ends_on: string;
  place: string | null;
  online: boolean;
  online_url: string | null;
  hours: string | number;
  capacity: number | null;
  enrollment: 'assign' | 'signup';
  signup_until: string | null;
  participant_org_ids: string[] | string;
  course_ids: string[] | string;
  cancelled_at: Date | string | null;
  scope_paths: string[];
  participants: number;
  present: number;
  recorded: number;
  my_status: string | null;
  manages_participant: boolean;
};

const selectClass = (actor: Actor) => sql`c.*, o.name as org_name, o.path as org_path,
  ${scopePathsSql(sql`c.participant_org_ids`)} as scope_paths,
  (select count(*)::int from training_participants tp where tp.class_id = c.id and tp.status <> 'withdrawn') as participants,
  (select count(*)::int from training_participants tp where tp.class_id = c.id and tp.status = 'present') as present,
  (select count(*)::int from training_participants tp where tp.class_id = c.id and tp.attendance_at is not null) as recorded,
  (select tp.status from training_participants tp where tp.class_id = c.id and tp.person_id = ${actor.personId ?? null}::uuid) as my_status,
  ${
    managedPaths(actor).length
      ? sql`exists (select 1 from training_participants tp where tp.class_id = c.id and ${orgInPaths(sql`tp.org_id`, managedPaths(actor))})`
      : sql`false`
  } as manages_participant`;
const fromClass = sql`training_classes c join orgs o on o.id = c.org_id`;

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export function phaseOf(r: Pick<ClassRow, 'starts_on' | 'ends_on' | 'cancelled_at'>, today: string) {
  if (r.cancelled_at) return 'cancelled' as const;
  if (today < r.starts_on) return 'upcoming' as const;
  return today <= r.ends_on ? ('ongoing' as const) : ('ended' as const);
}

export function classResource(r: ClassRow, branchPath: string | null, today: string) {
  return {
    tenantId: r.tenant_id,
    orgPath: r.org_path,
    scopePaths: r.scope_paths ?? [],
    enrollment: r.enrollment,
    cancelled: !!r.cancelled_at,
    myStatus: r.my_status,
    myBranchPath: branchPath,
    signupOpen: r.enrollment === 'signup' && today <= (r.signup_until ?? r.starts_on),
    full: r.capacity !== null && r.participants >= r.capacity,
    managesAParticipant: r.manages_participant === true,
  };
}

export function presentClass(actor: Actor, r: ClassRow, branchPath: string | null, today: string): ClassItem {
  const res = classResource(r, branchPath, today);
  return {
    id: r.id,
    code: r.code,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    topic: r.topic,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    place: r.place,
    online: r.online,
    hours: num(r.hours),
    capacity: r.capacity,
    enrollment: r.enrollment,
    signupUntil: r.signup_until,
    phase: phaseOf(r, today),
    participantCount: r.participants,
    presentCount: r.present,
    attendanceRecorded: r.recorded > 0,
    myStatus: r.my_status,
    actions: permitted((a: Exclude<ClassAction, 'read'>) => canOnClass(actor, a, res), [
      'manage',
      'signup',
      'withdraw',
    ] as const),
  };
}

/** SQL: a class the caller may see (organizer, scope or participants in a subtree they manage, addressed to their branch, or their own). */
function classScope(actor: Actor, branchPath: string | null): SQL {
  const parts = [concernsActor(actor, sql`c.org_id`, sql`c.participant_org_ids`, null)];
  const paths = managedPaths(actor);
  if (paths.length)
    parts.push(
      sql`exists (select 1 from training_participants tp where tp.class_id = c.id and ${orgInPaths(sql`tp.org_id`, paths)})`,
    );
  if (actor.personId)
    parts.push(
      sql`exists (select 1 from training_participants tp where tp.class_id = c.id and tp.person_id = ${actor.personId})`,
    );
  if (branchPath)
    parts.push(
      sql`(c.enrollment = 'signup' and c.cancelled_at is null and ${concernsActor({ ...actor, roles: [] }, sql`c.org_id`, sql`c.participant_org_ids`, branchPath)})`,
    );
  return sql`(${sql.join(parts, sql` or `)})`;
}

export async function listClasses(ctx: AppContext, actor: Actor, q: ClassListQuery) {
  enforce(seesTraining(actor));
  const today = todayLocal();
  const branchPath = await myBranchPath(ctx.db, actor);
  const parts: SQL[] = [sql`c.tenant_id = ${actor.tenantId}`, classScope(actor, branchPath)];
  if (q.orgId) {
    const org = await authorizeOrg(ctx.db, actor, q.orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  if (q.year) parts.push(sql`c.starts_on between ${`${q.year}-01-01`} and ${`${q.year}-12-31`}`);
  if (q.phase === 'upcoming') parts.push(sql`c.starts_on > ${today} and c.cancelled_at is null`);
  if (q.phase === 'ongoing')
    parts.push(sql`${today} between c.starts_on and c.ends_on and c.cancelled_at is null`);
  if (q.phase === 'ended') parts.push(sql`c.ends_on < ${today}`);
  if (q.mine === 'true')
    parts.push(
      actor.personId
        ? sql`(exists (select 1 from training_participants tp where tp.class_id = c.id and tp.person_id = ${actor.personId})
               or (c.enrollment = 'signup' and ${concernsActor({ ...actor, roles: [] }, sql`c.org_id`, sql`c.participant_org_ids`, branchPath)}))`
        : sql`false`,
    );
  const where = sql.join(parts, sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${fromClass} where ${where}`,
  );
  const rows = await queryRows<ClassRow>(
    ctx.db,
    sql`select ${selectClass(actor)} from ${fromClass} where ${where}
        order by (c.ends_on >= ${today}) desc, case when c.ends_on >= ${today} then c.starts_on end asc, c.starts_on desc, c.id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return {
    items: rows.map((r) => presentClass(actor, r, branchPath, today)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** One class with the caller's decision; 404 when out of sight. */
export async function loadClass(db: Executor, actor: Actor, id: string, action: ClassAction = 'read') {
  const [row] = await queryRows<ClassRow>(
    db,
    sql`select ${selectClass(actor)} from ${fromClass} where c.id = ${id} and c.tenant_id = ${actor.tenantId}`,
  );
  if (!row || !seesTraining(actor).ok) throw notFound('培训班');
  const branchPath = await myBranchPath(db, actor);
  const today = todayLocal();
  enforce(canOnClass(actor, action, classResource(row, branchPath, today)));
  return { row, branchPath, today };
}

export async function getClass(ctx: AppContext, actor: Actor, id: string): Promise<ClassDetail> {
  const { row, branchPath, today } = await loadClass(ctx.db, actor, id);
  const item = presentClass(actor, row, branchPath, today);
  const orgIds = json<string[]>(row.participant_org_ids);
  const courseIds = json<string[]>(row.course_ids);
  const paths = managedPaths(actor);
  const organizer = paths.some((p) => row.org_path.startsWith(p));
  const [orgRows, courses, participants] = await Promise.all([
    orgIds.length
      ? queryRows<{ id: string; name: string }>(
          ctx.db,
          sql`select id, name from orgs where id in (${uuidList(orgIds)})`,
        )
      : [],
    courseIds.length
      ? queryRows<{ id: string; title: string; topic: string; hours: string; teacher_name: string | null }>(
          ctx.db,
          sql`select id, title, topic, hours, teacher_name from training_courses where id in (${uuidList(courseIds)})`,
        )
      : [],
    paths.length || actor.personId
      ? queryRows<{
          id: string;
          person_id: string;
          name: string;
          org_name: string;
          source: 'assigned' | 'signup';
          status: string;
          hours: string | null;
          certificate_no: string | null;
        }>(
          ctx.db,
          sql`select tp.id, tp.person_id, p.name, o.name as org_name, tp.source, tp.status, tp.hours, tp.certificate_no
              from training_participants tp join people p on p.id = tp.person_id join orgs o on o.id = p.org_id
              where tp.class_id = ${id} and (${organizer ? sql`true` : orgInPaths(sql`tp.org_id`, paths)}
                or tp.person_id = ${actor.personId ?? null}::uuid)
              order by o.path, p.name_sort collate "C", p.name`,
        )
      : [],
  ]);
  const byId = new Map(courses.map((c) => [c.id, c]));
  const mine = participants.find((p) => p.person_id === actor.personId);
  return {
    ...item,
    description: row.description,
    onlineUrl: row.online_url,
    surveyId: row.survey_id,
    participantOrgs: orgIds.map((oid) => ({ id: oid, name: orgRows.find((o) => o.id === oid)?.name ?? '' })),
    courses: courseIds
      .filter((cid) => byId.has(cid))
      .map((cid) => {
        const c = byId.get(cid)!;
        return { id: c.id, title: c.title, topic: c.topic, hours: num(c.hours), teacherName: c.teacher_name };
      }),
    participants: participants.map((p) => ({
      id: p.id,
      personId: p.person_id,
      name: p.name,
      orgName: p.org_name,
      source: p.source,
      status: p.status,
      statusLabel: PARTICIPANT_STATUS_LABELS[p.status] ?? p.status,
      hours: p.hours == null ? null : num(p.hours),
      certificateNo: p.status === 'present' ? p.certificate_no : null,
    })),
    myCertificateId: mine?.status === 'present' && mine.certificate_no ? mine.id : null,
  };
}
