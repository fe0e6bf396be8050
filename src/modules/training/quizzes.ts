import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, managedPaths, orgInPaths } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, permitted } from '../../platform/policy';
import { checkScopeOrgs, concernsActor, iso, myBranchPath, organizerOrg, scopePathsSql } from './common';
import type {
  CreateQuizBody,
  QuizDetail,
  QuizItem,
  QuizListQuery,
  QuizQuestion,
  QuizResults,
} from './contract';
import { canOnPublished, seesTraining } from './policy';
import { checkQuestions, insertQuestions } from './questions';
import { SUBMIT_GRACE_SECONDS } from './rules';
import { quizEntity, trainingQuizzes } from './tables';

/**
 * Quizzes: fixed questions, or drawn at random per attempt (from the quiz's own pool, or from the bank's
 * questions of its topic owned by the quiz's organization and those above it). Graded on the server
 * (attempts.ts); a question's answer leaves the server only in the review of a submitted attempt.
 */

/** Bank questions a random quiz of `topic` in the organization at `orgPath` draws from. */
export async function bankPool(db: Executor, tenantId: string, orgPath: string, topic: string | null) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select qn.id from training_questions qn join orgs o on o.id = qn.org_id
        where qn.tenant_id = ${tenantId} and ${orgPath} like o.path || '%' ${topic ? sql`and qn.topic = ${topic}` : sql``}
        order by qn.id`,
  );
  return rows.map((r) => r.id);
}

/** Bank questions the author picked: owned in the quiz organization's subtree or above it. */
async function checkPicked(db: Executor, tenantId: string, orgPath: string, ids: readonly string[]) {
  if (!ids.length) return;
  if (new Set(ids).size !== ids.length) throw invalid({ questionIds: '试题重复' });
  const rows = await queryRows<{ id: string; path: string }>(
    db,
    sql`select qn.id, o.path from training_questions qn join orgs o on o.id = qn.org_id
        where qn.tenant_id = ${tenantId} and qn.id in (${uuidList([...ids])})`,
  );
  const found = new Map(rows.map((r) => [r.id, r.path]));
  ids.forEach((id, i) => {
    const p = found.get(id);
    if (!p || !(orgPath.startsWith(p) || p.startsWith(orgPath)))
      throw invalid({ [`questionIds.${i}`]: '试题不存在或不能用于本组织的测试' });
  });
}

export async function createQuiz(
  ctx: AppContext,
  actor: Actor,
  input: CreateQuizBody,
): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const org = await organizerOrg(tx, actor, input.orgId, 'quiz');
    const today = todayLocal();
    const mode = input.mode ?? 'fixed';
    const fresh = input.questions ?? [];
    checkQuestions(fresh, 'questions');
    await checkPicked(tx, actor.tenantId, org.path, input.questionIds ?? []);
    if (input.closesOn && input.closesOn < today) throw invalid({ closesOn: '截止日期不能早于今天' });
    const audience = await checkScopeOrgs(
      tx,
      actor.tenantId,
      org.path,
      input.audienceOrgIds ?? [org.id],
      'audienceOrgIds',
    );
    const own = fresh.length + (input.questionIds?.length ?? 0);
    if (mode === 'fixed' && own === 0) throw invalid({ questions: '请添加试题，或从题库中选择' });
    if (mode === 'random') {
      if (!input.drawCount) throw invalid({ drawCount: '随机抽题请填写每次抽题数' });
      const pool = own || (await bankPool(tx, actor.tenantId, org.path, input.topic ?? null)).length;
      if (input.drawCount > pool)
        throw invalid({
          drawCount: `题库中可抽的试题只有 ${pool} 道${own ? '' : '（按主题、本组织及上级题库）'}`,
        });
    }
    const created = await insertQuestions(tx, actor, org.id, input.topic || '综合', fresh);
    const id = newId();
    await tx.insert(trainingQuizzes).values({
      id,
      tenantId: actor.tenantId,
      orgId: org.id,
      title: input.title,
      topic: input.topic ?? null,
      mode,
      questionIds: [...(input.questionIds ?? []), ...created.ids],
      drawCount: mode === 'random' ? (input.drawCount ?? null) : null,
      timeLimitMinutes: input.timeLimitMinutes ?? null,
      passScore: input.passScore,
      maxAttempts: input.maxAttempts ?? null,
      audienceOrgIds: audience.map((o) => o.id),
      closesOn: input.closesOn ?? null,
      publishedOn: today,
      createdBy: actor.accountId,
      createdByName: actor.displayName,
      createdAt: new Date(),
    });
    await audit(tx, actor, [
      ...created.events,
      {
        action: 'training_quiz.publish',
        target: { entity: quizEntity, id },
        details: { orgId: org.id, title: input.title, mode, questions: own },
      },
    ]);
    return { id };
  });
}

export type QuizRow = {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  title: string;
  topic: string | null;
  mode: 'fixed' | 'random';
  question_ids: string[] | string;
  draw_count: number | null;
  time_limit_minutes: number | null;
  pass_score: number;
  max_attempts: number | null;
  closes_on: string | null;
  published_on: string;
  scope_paths: string[];
  my_attempts: number;
  my_best: number | null;
  my_passed: boolean | null;
};
export const ids = (v: string[] | string): string[] =>
  typeof v === 'string' ? (JSON.parse(v) as string[]) : v;

const selectQuiz = (actor: Actor) => sql`z.*, o.name as org_name, o.path as org_path,
  ${scopePathsSql(sql`z.audience_org_ids`)} as scope_paths,
  (select count(*)::int from training_attempts a where a.quiz_id = z.id and a.person_id = ${actor.personId ?? null}::uuid and a.submitted_at is not null) as my_attempts,
  (select max(a.score) from training_attempts a where a.quiz_id = z.id and a.person_id = ${actor.personId ?? null}::uuid and a.submitted_at is not null) as my_best,
  (select bool_or(a.passed) from training_attempts a where a.quiz_id = z.id and a.person_id = ${actor.personId ?? null}::uuid) as my_passed`;
const fromQuiz = sql`training_quizzes z join orgs o on o.id = z.org_id`;

export const quizResource = (r: QuizRow, branchPath: string | null) => ({
  tenantId: r.tenant_id,
  orgPath: r.org_path,
  audiencePaths: r.scope_paths ?? [],
  myBranchPath: branchPath,
});
export const isOpen = (r: Pick<QuizRow, 'closes_on'>, today: string) => !r.closes_on || r.closes_on >= today;

export function presentQuiz(actor: Actor, r: QuizRow, branchPath: string | null, today: string): QuizItem {
  const res = quizResource(r, branchPath);
  const actions = permitted((a: 'study' | 'results') => canOnPublished(actor, a, res, '测试'), [
    'study',
    'results',
  ] as const);
  const takes = actions.includes('study');
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    topic: r.topic,
    mode: r.mode,
    questionCount: r.mode === 'random' ? (r.draw_count ?? 0) : ids(r.question_ids).length,
    timeLimitMinutes: r.time_limit_minutes,
    passScore: r.pass_score,
    maxAttempts: r.max_attempts,
    closesOn: r.closes_on,
    publishedOn: r.published_on,
    open: isOpen(r, today),
    my: takes ? { attempts: r.my_attempts, bestScore: r.my_best, passed: !!r.my_passed } : null,
    actions: [
      ...(takes ? (['take'] as const) : []),
      ...(actions.includes('results') ? (['results'] as const) : []),
    ],
  };
}

export async function listQuizzes(ctx: AppContext, actor: Actor, q: QuizListQuery) {
  enforce(seesTraining(actor));
  const today = todayLocal();
  const branchPath = await myBranchPath(ctx.db, actor);
  const parts: SQL[] = [
    sql`z.tenant_id = ${actor.tenantId}`,
    concernsActor(actor, sql`z.org_id`, sql`z.audience_org_ids`, branchPath),
  ];
  if (q.orgId) {
    const org = await authorizeOrg(ctx.db, actor, q.orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  if (q.status === 'open') parts.push(sql`(z.closes_on is null or z.closes_on >= ${today})`);
  if (q.status === 'closed') parts.push(sql`z.closes_on < ${today}`);
  const where = sql.join(parts, sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${fromQuiz} where ${where}`,
  );
  const rows = await queryRows<QuizRow>(
    ctx.db,
    sql`select ${selectQuiz(actor)} from ${fromQuiz} where ${where}
        order by (z.closes_on is null or z.closes_on >= ${today}) desc, z.published_on desc, z.id desc
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return {
    items: rows.map((r) => presentQuiz(actor, r, branchPath, today)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function loadQuiz(
  db: Executor,
  actor: Actor,
  id: string,
  action: 'read' | 'study' | 'results' = 'read',
) {
  const [row] = await queryRows<QuizRow>(
    db,
    sql`select ${selectQuiz(actor)} from ${fromQuiz} where z.id = ${id} and z.tenant_id = ${actor.tenantId}`,
  );
  if (!row || !seesTraining(actor).ok) throw notFound('测试');
  const branchPath = await myBranchPath(db, actor);
  enforce(canOnPublished(actor, action, quizResource(row, branchPath), '测试'));
  return { row, branchPath, today: todayLocal() };
}

/** Questions as a taker sees them: text and options, never the answer. */
export async function questionsForTaker(db: Executor, questionIds: string[]): Promise<QuizQuestion[]> {
  if (!questionIds.length) return [];
  const rows = await queryRows<{
    id: string;
    kind: QuizQuestion['kind'];
    text: string;
    options: string[] | string;
  }>(db, sql`select id, kind, text, options from training_questions where id in (${uuidList(questionIds)})`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return questionIds
    .filter((q) => byId.has(q))
    .map((q) => {
      const r = byId.get(q)!;
      return { id: r.id, kind: r.kind, text: r.text, options: ids(r.options) };
    });
}

/** The caller's unsubmitted attempt still within its time (plus grace), if any. */
export async function openAttemptOf(db: Executor, actor: Actor, quizId: string) {
  if (!actor.personId) return null;
  const [a] = await queryRows<{
    id: string;
    question_ids: string[] | string;
    started_at: Date | string;
    deadline_at: Date | string | null;
  }>(
    db,
    sql`select id, question_ids, started_at, deadline_at from training_attempts
        where quiz_id = ${quizId} and person_id = ${actor.personId} and submitted_at is null
          and (deadline_at is null or deadline_at + make_interval(secs => ${SUBMIT_GRACE_SECONDS}) > ${new Date().toISOString()}::timestamptz)
        order by started_at desc limit 1`,
  );
  return a ?? null;
}

/** `GET /training/quizzes/:id`: the quiz and its questions without answers (a random quiz: the open attempt's). */
export async function getQuiz(ctx: AppContext, actor: Actor, id: string): Promise<QuizDetail> {
  const { row, branchPath, today } = await loadQuiz(ctx.db, actor, id);
  const open = await openAttemptOf(ctx.db, actor, id);
  const questionIds = open ? ids(open.question_ids) : row.mode === 'fixed' ? ids(row.question_ids) : [];
  const attempts = actor.personId
    ? await queryRows<{
        id: string;
        submitted_at: Date | string | null;
        score: number | null;
        passed: boolean | null;
        late: boolean;
      }>(
        ctx.db,
        sql`select id, submitted_at, score, passed, late from training_attempts
            where quiz_id = ${id} and person_id = ${actor.personId} and submitted_at is not null order by submitted_at`,
      )
    : [];
  return {
    ...presentQuiz(actor, row, branchPath, today),
    questions: await questionsForTaker(ctx.db, questionIds),
    openAttempt: open
      ? {
          id: open.id,
          startedAt: iso(open.started_at),
          deadlineAt: open.deadline_at ? iso(open.deadline_at) : null,
        }
      : null,
    attempts: attempts.map((a) => ({
      id: a.id,
      submittedAt: a.submitted_at ? iso(a.submitted_at) : null,
      score: a.score,
      passed: a.passed,
      late: a.late,
    })),
  };
}

/** Results per person, per branch (today's) and per question, most missed first; managers see their subtree. */
export async function quizResults(ctx: AppContext, actor: Actor, id: string): Promise<QuizResults> {
  const { row, branchPath, today } = await loadQuiz(ctx.db, actor, id, 'results');
  const paths = managedPaths(actor);
  const publisher = paths.some((p) => row.org_path.startsWith(p));
  const seen = publisher ? sql`true` : orgInPaths(sql`p.org_id`, paths);
  const people = await queryRows<{
    person_id: string;
    name: string;
    org_id: string;
    org_name: string;
    attempts: number;
    best: number;
    passed: boolean;
  }>(
    ctx.db,
    sql`select a.person_id, p.name, p.org_id, o.name as org_name, count(*)::int as attempts, max(a.score)::int as best,
               bool_or(a.passed) as passed
        from training_attempts a join people p on p.id = a.person_id join orgs o on o.id = p.org_id
        where a.quiz_id = ${id} and a.submitted_at is not null and ${seen}
        group by a.person_id, p.name, p.name_sort, p.org_id, o.name, o.path order by o.path, p.name_sort collate "C", p.name`,
  );
  const questions = await queryRows<{
    question_id: string;
    text: string;
    kind: QuizQuestion['kind'];
    answered: number;
    wrong: number;
  }>(
    ctx.db,
    sql`select r->>'questionId' as question_id, qn.text, qn.kind, count(*)::int as answered,
               count(*) filter (where (r->>'correct')::boolean is not true)::int as wrong
        from training_attempts a join people p on p.id = a.person_id
        cross join lateral jsonb_array_elements(a.results) r
        join training_questions qn on qn.id = (r->>'questionId')::uuid
        where a.quiz_id = ${id} and a.submitted_at is not null and ${seen}
        group by r->>'questionId', qn.text, qn.kind`,
  );
  const branches = new Map<
    string,
    { orgId: string; name: string; people: number; passed: number; total: number }
  >();
  for (const p of people) {
    const b = branches.get(p.org_id) ?? { orgId: p.org_id, name: p.org_name, people: 0, passed: 0, total: 0 };
    b.people += 1;
    b.passed += p.passed ? 1 : 0;
    b.total += p.best;
    branches.set(p.org_id, b);
  }
  return {
    quiz: presentQuiz(actor, row, branchPath, today),
    people: people.map((p) => ({
      personId: p.person_id,
      name: p.name,
      orgName: p.org_name,
      attempts: p.attempts,
      bestScore: p.best,
      passed: p.passed,
    })),
    branches: [...branches.values()].map((b) => ({
      orgId: b.orgId,
      name: b.name,
      people: b.people,
      passed: b.passed,
      avgScore: Math.round((10 * b.total) / b.people) / 10,
    })),
    questions: questions
      .map((q) => ({
        questionId: q.question_id,
        text: q.text,
        kind: q.kind,
        answered: q.answered,
        wrong: q.wrong,
        wrongRate: q.answered ? Math.round((1000 * q.wrong) / q.answered) / 1000 : 0,
      }))
      .sort((a, b) => b.wrongRate - a.wrongRate || b.wrong - a.wrong),
  };
}
