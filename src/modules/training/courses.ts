import { eq, type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, managedPaths, pathSql } from '../../platform/access';
import { audit, diffFields } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, hide } from '../../platform/policy';
import { num, organizerOrg } from './common';
import type { Course, CourseListQuery, CreateCourseBody, UpdateCourseBody } from './contract';
import { filesOf } from './files';
import { canOrganizeIn, seesTraining } from './policy';
import { courseEntity, trainingCourses } from './tables';

/** Courses: reusable by the owner's subtree; seen by managers whose subtree lies under or above the owner. */

async function teacherOf(
  db: Executor,
  actor: Actor,
  input: Pick<CreateCourseBody, 'teacherPersonId' | 'teacherName'>,
) {
  if (input.teacherPersonId && input.teacherName)
    throw invalid({ teacherName: '本单位授课人和外请授课人只填一个' });
  if (!input.teacherPersonId) return { teacherPersonId: null, teacherName: input.teacherName || null };
  const [p] = await queryRows<{ name: string }>(
    db,
    sql`select name from people where id = ${input.teacherPersonId} and tenant_id = ${actor.tenantId} and ended_on is null`,
  );
  if (!p) throw invalid({ teacherPersonId: '授课人不在本单位在册人员中' });
  return { teacherPersonId: input.teacherPersonId, teacherName: p.name };
}

export async function createCourse(
  ctx: AppContext,
  actor: Actor,
  input: CreateCourseBody,
): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const org = await organizerOrg(tx, actor, input.orgId, 'course');
    const teacher = await teacherOf(tx, actor, input);
    const id = newId();
    const now = new Date();
    await tx.insert(trainingCourses).values({
      id,
      tenantId: actor.tenantId,
      orgId: org.id,
      title: input.title,
      topic: input.topic,
      hours: input.hours,
      material: input.material ?? null,
      links: input.links ?? [],
      ...teacher,
      createdBy: actor.accountId,
      createdByName: actor.displayName,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, actor, {
      action: 'training_course.create',
      target: { entity: courseEntity, id },
      details: { orgId: org.id, title: input.title },
    });
    return { id };
  });
}

type CourseRow = {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  title: string;
  topic: string;
  hours: string | number;
  material: string | null;
  links: { title: string; url: string }[] | string;
  teacher_person_id: string | null;
  teacher_name: string | null;
  class_count: number;
};
const SELECT = sql`c.*, o.name as org_name, o.path as org_path,
  (select count(*)::int from training_classes k where k.course_ids ? c.id::text) as class_count`;
const FROM = sql`training_courses c join orgs o on o.id = c.org_id`;

/**
 * SQL: courses of an organization under, or above, one the caller manages, and the courses of the classes
 * the caller takes part in (the same rule as `loadCourse`).
 */
function courseScope(actor: Actor): SQL {
  if (actor.adminRole) return sql`false`;
  const paths = managedPaths(actor);
  const parts: SQL[] = [];
  if (paths.length)
    parts.push(
      sql`(${pathSql(sql`o.path`, paths)} or ${sql.join(
        paths.map((p) => sql`${p} like o.path || '%'`),
        sql` or `,
      )})`,
    );
  if (actor.personId)
    parts.push(sql`exists (select 1 from training_participants tp join training_classes k on k.id = tp.class_id
      where tp.person_id = ${actor.personId} and tp.status <> 'withdrawn' and k.course_ids ? c.id::text)`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

function present(actor: Actor, r: CourseRow, files: Course['files']): Course {
  const links = typeof r.links === 'string' ? (JSON.parse(r.links) as Course['links']) : r.links;
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    topic: r.topic,
    hours: num(r.hours),
    material: r.material,
    links,
    teacher: r.teacher_name
      ? { personId: r.teacher_person_id, name: r.teacher_name, external: !r.teacher_person_id }
      : null,
    files,
    classCount: r.class_count,
    actions: canOrganizeIn(actor, { tenantId: r.tenant_id, path: r.org_path, type: 'branch' }, 'course').ok
      ? ['update']
      : [],
  };
}

export async function listCourses(ctx: AppContext, actor: Actor, q: CourseListQuery) {
  enforce(seesTraining(actor));
  const parts: SQL[] = [sql`c.tenant_id = ${actor.tenantId}`, courseScope(actor)];
  if (q.orgId) {
    const org = await authorizeOrg(ctx.db, actor, q.orgId, 'read');
    parts.push(sql`(o.path like ${`${org.path}%`} or ${org.path} like o.path || '%')`);
  }
  if (q.topic) parts.push(sql`c.topic = ${q.topic}`);
  if (q.q) parts.push(sql`c.title like ${`%${q.q}%`}`);
  const where = sql.join(parts, sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${FROM} where ${where}`,
  );
  const rows = await queryRows<CourseRow>(
    ctx.db,
    sql`select ${SELECT} from ${FROM} where ${where} order by c.created_at desc, c.id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return { items: rows.map((r) => present(actor, r, [])), total, page: q.page, pageSize: q.pageSize };
}

/** A course: managers of an organization under or above its owner, and participants of a class that uses it. */
export async function loadCourse(db: Executor, actor: Actor, id: string, action: 'read' | 'update' = 'read') {
  const [row] = await queryRows<CourseRow>(
    db,
    sql`select ${SELECT} from ${FROM} where c.id = ${id} and c.tenant_id = ${actor.tenantId}`,
  );
  if (!row || actor.adminRole) throw notFound('课程');
  const paths = managedPaths(actor);
  const manager = paths.some((p) => row.org_path.startsWith(p) || p.startsWith(row.org_path));
  let learner = false;
  if (!manager && actor.personId) {
    const [hit] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from training_participants tp join training_classes k on k.id = tp.class_id
          where tp.person_id = ${actor.personId} and tp.status <> 'withdrawn' and k.course_ids ? ${id}`,
    );
    learner = hit.n > 0;
  }
  if (!manager && !learner) enforce(hide('课程'));
  if (action === 'update')
    enforce(canOrganizeIn(actor, { tenantId: row.tenant_id, path: row.org_path, type: 'branch' }, 'course'));
  return row;
}

export async function getCourse(ctx: AppContext, actor: Actor, id: string): Promise<Course> {
  const row = await loadCourse(ctx.db, actor, id);
  return present(actor, row, await filesOf(ctx.db, id));
}

export async function updateCourse(ctx: AppContext, actor: Actor, id: string, input: UpdateCourseBody) {
  await ctx.db.transaction(async (tx) => {
    const row = await loadCourse(tx, actor, id, 'update');
    const [before] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, id));
    const teacher =
      input.teacherPersonId !== undefined || input.teacherName !== undefined
        ? await teacherOf(tx, actor, input)
        : {};
    const patch = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.topic !== undefined ? { topic: input.topic } : {}),
      ...(input.hours !== undefined ? { hours: input.hours } : {}),
      ...(input.material !== undefined ? { material: input.material ?? null } : {}),
      ...(input.links !== undefined ? { links: input.links } : {}),
      ...teacher,
    };
    await tx
      .update(trainingCourses)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(trainingCourses.id, id));
    await audit(tx, actor, {
      action: 'training_course.update',
      target: { entity: courseEntity, id },
      details: { orgId: row.org_id, changed: diffFields(before as Record<string, unknown>, patch) },
    });
  });
  return getCourse(ctx, actor, id);
}
