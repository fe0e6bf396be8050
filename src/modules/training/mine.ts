import { type SQL, sql } from 'drizzle-orm';
import { type Actor, pathsWithRole } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import type { TodoItem } from '../../platform/manifest';
import { enforce } from '../../platform/policy';
import { myCertificates } from './attendance';
import { concernsActor, myBranchPath, num } from './common';
import type { MyTraining } from './contract';
import { computeLedger } from './ledger';
import { seesTraining } from './policy';
import {
  addDays,
  inLastStretch,
  LEDGER_STATUS_LABELS,
  ledgerVerdict,
  monthsLeft,
  SOURCE_KINDS,
  SOURCE_LABELS,
} from './rules';
import { loadTrainingSettings } from './settings';

/** What concerns a member now: their hours, their classes, required study, quizzes and surveys; the to-do. */

const audienceOnly = (actor: Actor): Actor => ({ ...actor, roles: [] });

/** Classes the caller is enrolled in that have not ended, and sign-up classes open to their branch. */
async function myClasses(db: Executor, actor: Actor, branchPath: string | null, today: string) {
  if (!actor.personId) return [];
  return queryRows<{
    id: string;
    title: string;
    org_name: string;
    starts_on: string;
    ends_on: string;
    place: string | null;
    online: boolean;
    hours: string;
    my_status: string | null;
    can_signup: boolean;
  }>(
    db,
    sql`select c.id, c.title, o.name as org_name, c.starts_on, c.ends_on, c.place, c.online, c.hours, tp.status as my_status,
               (tp.id is null and c.enrollment = 'signup' and ${today} <= coalesce(c.signup_until, c.starts_on)
                and (c.capacity is null or c.capacity > (select count(*) from training_participants x
                     where x.class_id = c.id and x.status <> 'withdrawn'))) as can_signup
        from training_classes c join orgs o on o.id = c.org_id
        left join training_participants tp on tp.class_id = c.id and tp.person_id = ${actor.personId}
        where c.tenant_id = ${actor.tenantId} and c.cancelled_at is null and c.ends_on >= ${today}
          and ((tp.id is not null and tp.status <> 'withdrawn')
               or (c.enrollment = 'signup' and ${today} <= coalesce(c.signup_until, c.starts_on)
                   and ${concernsActor(audienceOnly(actor), sql`c.org_id`, sql`c.participant_org_ids`, branchPath)}))
        order by c.starts_on limit 20`,
  );
}

/** Required study addressed to the caller's branch that they have not finished. */
async function requiredTodo(db: Executor, actor: Actor, branchPath: string | null) {
  if (!actor.personId || !branchPath) return [];
  return queryRows<{ id: string; title: string; due_on: string | null; hours: string }>(
    db,
    sql`select c.id, c.title, c.due_on, c.hours from training_contents c
        where c.tenant_id = ${actor.tenantId} and c.required and c.withdrawn_at is null
          and ${concernsActor(audienceOnly(actor), sql`c.org_id`, sql`c.audience_org_ids`, branchPath)}
          and not exists (select 1 from training_completions cm where cm.content_id = c.id and cm.person_id = ${actor.personId})
        order by c.due_on nulls last, c.published_on desc limit 50`,
  );
}

/** Open quizzes addressed to the caller's branch that they have not passed and may still take. */
async function openQuizzes(db: Executor, actor: Actor, branchPath: string | null, today: string) {
  if (!actor.personId || !branchPath) return [];
  return queryRows<{ id: string; title: string; closes_on: string | null; left: number | null }>(
    db,
    sql`select z.id, z.title, z.closes_on,
               z.max_attempts - (select count(*)::int from training_attempts a where a.quiz_id = z.id
                  and a.person_id = ${actor.personId} and a.submitted_at is not null) as left
        from training_quizzes z
        where z.tenant_id = ${actor.tenantId} and (z.closes_on is null or z.closes_on >= ${today})
          and ${concernsActor(audienceOnly(actor), sql`z.org_id`, sql`z.audience_org_ids`, branchPath)}
          and not exists (select 1 from training_attempts a where a.quiz_id = z.id and a.person_id = ${actor.personId} and a.passed)
          and (z.max_attempts is null or z.max_attempts > (select count(*) from training_attempts a where a.quiz_id = z.id
               and a.person_id = ${actor.personId} and a.submitted_at is not null))
        order by z.closes_on nulls last, z.published_on desc limit 20`,
  );
}

/** Open surveys the caller answers (as a member, or for a branch they are secretary of) and has not. */
async function openSurveys(db: Executor, actor: Actor, branchPath: string | null, today: string) {
  const own = actor.adminRole ? [] : pathsWithRole(actor, ['branch_secretary']);
  const parts: SQL[] = [];
  if (branchPath && actor.personId)
    parts.push(sql`(s.audience = 'members' and ${branchPath} like o.path || '%' and not exists (select 1 from
      training_survey_answers a where a.survey_id = s.id and a.person_id = ${actor.personId}))`);
  for (const p of own)
    parts.push(sql`(s.audience = 'branches' and ${p} like o.path || '%' and not exists (select 1 from
      training_survey_answers a join orgs ao on ao.id = a.org_id where a.survey_id = s.id and a.person_id is null and ao.path = ${p}))`);
  if (!parts.length) return [];
  return queryRows<{ id: string; title: string; deadline: string }>(
    db,
    sql`select distinct s.id, s.title, s.deadline from training_surveys s join orgs o on o.id = s.org_id
        where s.tenant_id = ${actor.tenantId} and s.deadline >= ${today} and (${sql.join(parts, sql` or `)})
        order by s.deadline limit 20`,
  );
}

export async function myTraining(ctx: AppContext, actor: Actor): Promise<MyTraining> {
  enforce(seesTraining(actor));
  const today = todayLocal();
  const year = Number(today.slice(0, 4));
  const settings = await loadTrainingSettings(ctx.db, actor.tenantId);
  const branchPath = await myBranchPath(ctx.db, actor);
  const [ledger] = actor.personId
    ? await computeLedger(ctx.db, actor.tenantId, year, { personIds: [actor.personId] }, settings)
    : [];
  const v = ledger ? ledgerVerdict(ledger, settings.targetHours, year, today) : null;
  const [classes, required, quizzes, surveys, certificates] = await Promise.all([
    myClasses(ctx.db, actor, branchPath, today),
    requiredTodo(ctx.db, actor, branchPath),
    openQuizzes(ctx.db, actor, branchPath, today),
    openSurveys(ctx.db, actor, branchPath, today),
    myCertificates(ctx.db, actor),
  ]);
  return {
    year,
    target: settings.targetHours,
    hours: ledger?.hours ?? 0,
    status: v?.status ?? null,
    statusLabel: v ? LEDGER_STATUS_LABELS[v.status] : null,
    needed: v?.needed ?? settings.targetHours,
    monthsLeft: monthsLeft(year, today),
    sources: SOURCE_KINDS.map((kind) => ({
      kind,
      label: SOURCE_LABELS[kind],
      hours: ledger?.sources[kind] ?? 0,
    })),
    classes: classes.map((c) => ({
      id: c.id,
      title: c.title,
      orgName: c.org_name,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      place: c.place,
      online: c.online,
      hours: num(c.hours),
      myStatus: c.my_status,
      canSignup: c.can_signup,
    })),
    required: required.map((r) => ({
      id: r.id,
      title: r.title,
      dueOn: r.due_on,
      overdue: !!r.due_on && r.due_on < today,
      hours: num(r.hours),
    })),
    quizzes: quizzes.map((z) => ({ id: z.id, title: z.title, closesOn: z.closes_on, attemptsLeft: z.left })),
    surveys,
    certificates,
  };
}

/** The training lines of the caller's to-do. */
export async function trainingTodo(ctx: AppContext, actor: Actor): Promise<TodoItem[]> {
  if (!seesTraining(actor).ok) return [];
  const today = todayLocal();
  const settings = await loadTrainingSettings(ctx.db, actor.tenantId);
  const branchPath = await myBranchPath(ctx.db, actor);
  const items: TodoItem[] = [];
  const [classes, required, quizzes, surveys] = await Promise.all([
    myClasses(ctx.db, actor, branchPath, today),
    requiredTodo(ctx.db, actor, branchPath),
    openQuizzes(ctx.db, actor, branchPath, today),
    openSurveys(ctx.db, actor, branchPath, today),
  ]);
  const soon = classes.filter((c) => c.my_status === 'enrolled' && c.starts_on <= addDays(today, 14));
  items.push({
    key: 'classes',
    label: '近期要参加的培训班',
    count: soon.length,
    link: '/training/mine',
    order: 40,
  });
  items.push({
    key: 'required',
    label: '必学内容待完成',
    count: required.length,
    overdue: required.filter((r) => r.due_on && r.due_on < today).length,
    link: '/training/contents?required=true&status=todo',
    order: 41,
  });
  items.push({
    key: 'quizzes',
    label: '待参加的在线测试',
    count: quizzes.length,
    link: '/training/quizzes?status=open',
    order: 42,
  });
  items.push({
    key: 'surveys',
    label: '培训需求调查待填写',
    count: surveys.length,
    link: '/training/surveys',
    order: 43,
  });
  // The secretary, in the year's last stretch: the branch's members who have not reached the target.
  const own = actor.adminRole ? [] : actor.roles.filter((r) => r.role === 'branch_secretary');
  if (own.length && inLastStretch(today, settings.todoFromMonth)) {
    const year = Number(today.slice(0, 4));
    const people = await computeLedger(
      ctx.db,
      actor.tenantId,
      year,
      { paths: own.map((r) => r.orgPath) },
      settings,
    );
    const short = people.filter((p) => !p.exempt && p.hours < settings.targetHours);
    items.push({
      key: 'behind',
      label: `本支部党员今年学时未满 ${settings.targetHours}（还剩 ${monthsLeft(year, today)} 个月）`,
      count: short.length,
      link: `/training/hours?orgId=${own[0].orgId}&notDone=true`,
      order: 44,
    });
  }
  // Organizers: classes that have ended with no attendance recorded.
  const managed = actor.adminRole ? [] : actor.roles.filter((r) => r.role !== 'member').map((r) => r.orgPath);
  if (managed.length) {
    const [r] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from training_classes c join orgs o on o.id = c.org_id
          where c.tenant_id = ${actor.tenantId} and c.cancelled_at is null and c.ends_on < ${today}
            and c.ends_on >= ${addDays(today, -90)} and (${sql.join(
              managed.map((p) => sql`o.path like ${`${p}%`}`),
              sql` or `,
            )})
            and not exists (select 1 from training_participants tp where tp.class_id = c.id and tp.attendance_at is not null)
            and exists (select 1 from training_participants tp where tp.class_id = c.id)`,
    );
    items.push({
      key: 'attendance',
      label: '培训班已结束待记录考勤',
      count: r.n,
      link: '/training/classes?phase=ended',
      order: 45,
    });
  }
  return items;
}
