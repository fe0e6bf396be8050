import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { conflict, invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { iso } from './common';
import type { AttemptBody, AttemptResult, StartedAttempt } from './contract';
import { bankPool, ids, isOpen, loadQuiz, openAttemptOf, type QuizRow, questionsForTaker } from './quizzes';
import { drawQuestions, gradeAttempt, type QuestionKind, SUBMIT_GRACE_SECONDS } from './rules';
import { attemptEntity, trainingAttempts } from './tables';

/** Taking a quiz: start (draw, clock), submit (graded here, never in the browser), the review after. */

const lockTaker = (tx: Executor, quizId: string, personId: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`training-attempt:${quizId}:${personId}`}))`);

function checkTakeable(row: QuizRow, today: string, used = row.my_attempts) {
  if (!isOpen(row, today)) throw conflict(`测试已于 ${row.closes_on} 截止`);
  if (row.max_attempts !== null && used >= row.max_attempts)
    throw conflict(`已答 ${used} 次，本测试最多可答 ${row.max_attempts} 次`);
}

/**
 * Attempts left open past their time (and grace) end as late with 0 points before a new one starts, so
 * letting the clock run out never buys another look at the questions.
 */
async function closeExpired(tx: Executor, actor: Actor, quizId: string): Promise<number> {
  const expired = await queryRows<{ id: string }>(
    tx,
    sql`select id from training_attempts where quiz_id = ${quizId} and person_id = ${actor.personId}
        and submitted_at is null and deadline_at is not null
        and deadline_at + make_interval(secs => ${SUBMIT_GRACE_SECONDS}) <= ${new Date().toISOString()}::timestamptz`,
  );
  for (const a of expired) {
    await tx
      .update(trainingAttempts)
      .set({ submittedAt: new Date(), answers: [], results: [], score: 0, passed: false, late: true })
      .where(eq(trainingAttempts.id, a.id));
  }
  if (expired.length)
    await audit(
      tx,
      actor,
      expired.map((a) => ({
        action: 'training_attempt.expire',
        target: { entity: attemptEntity, id: a.id },
        details: { quizId },
      })),
    );
  return expired.length;
}

/** The questions of a new attempt: the fixed list, or a random draw from the quiz's pool or the bank. */
async function drawFor(tx: Executor, row: QuizRow): Promise<string[]> {
  if (row.mode === 'fixed') return ids(row.question_ids);
  const own = ids(row.question_ids);
  const pool = own.length ? own : await bankPool(tx, row.tenant_id, row.org_path, row.topic);
  const drawn = drawQuestions(pool, row.draw_count ?? pool.length, () => randomInt(0, 1 << 30) / (1 << 30));
  if (!drawn.length) throw conflict('题库中没有可抽的试题，请联系出题组织');
  return drawn;
}

async function insertAttempt(tx: Executor, actor: Actor, row: QuizRow, questionIds: string[]) {
  const id = newId();
  const now = new Date();
  const deadlineAt = row.time_limit_minutes
    ? new Date(now.getTime() + row.time_limit_minutes * 60_000)
    : null;
  await tx.insert(trainingAttempts).values({
    id,
    tenantId: actor.tenantId,
    quizId: row.id,
    personId: actor.personId!,
    questionIds,
    startedAt: now,
    deadlineAt,
  });
  await audit(tx, actor, {
    action: 'training_attempt.start',
    target: { entity: attemptEntity, id },
    details: { quizId: row.id, questions: questionIds.length },
  });
  return { id, startedAt: now, deadlineAt };
}

/** Starts an attempt (or resumes the open one): the questions to answer and the deadline, if timed. */
export async function startAttempt(ctx: AppContext, actor: Actor, quizId: string): Promise<StartedAttempt> {
  return ctx.db.transaction(async (tx) => {
    const { row, today } = await loadQuiz(tx, actor, quizId, 'study');
    await lockTaker(tx, quizId, actor.personId!);
    const open = await openAttemptOf(tx, actor, quizId);
    if (open)
      return {
        attemptId: open.id,
        startedAt: iso(open.started_at),
        deadlineAt: open.deadline_at ? iso(open.deadline_at) : null,
        questions: await questionsForTaker(tx, ids(open.question_ids)),
      };
    checkTakeable(row, today, row.my_attempts + (await closeExpired(tx, actor, quizId)));
    const questionIds = await drawFor(tx, row);
    const a = await insertAttempt(tx, actor, row, questionIds);
    return {
      attemptId: a.id,
      startedAt: a.startedAt.toISOString(),
      deadlineAt: a.deadlineAt ? a.deadlineAt.toISOString() : null,
      questions: await questionsForTaker(tx, questionIds),
    };
  });
}

/** Answers must name this attempt's questions once each, with choices among their options. */
function checkAnswers(input: AttemptBody, questions: Map<string, { options: string[] }>) {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  input.answers.forEach((a, i) => {
    const q = questions.get(a.questionId);
    if (!q) errors[`answers.${i}.questionId`] = '不是本次答卷的试题';
    else if (seen.has(a.questionId)) errors[`answers.${i}.questionId`] = '同一试题重复作答';
    else if (a.choices.some((c) => c >= q.options.length))
      errors[`answers.${i}.choices`] = '选项超出本题的选项范围';
    seen.add(a.questionId);
  });
  if (Object.keys(errors).length) throw invalid(errors);
}

/**
 * Grades the answers against the open attempt; a fixed quiz without a time limit may be answered without
 * starting first (the attempt starts and ends now). Past the time limit (and a minute's grace) the attempt
 * is recorded as late and scores 0.
 */
export async function submitAttempt(
  ctx: AppContext,
  actor: Actor,
  quizId: string,
  input: AttemptBody,
): Promise<AttemptResult> {
  return ctx.db.transaction(async (tx) => {
    const { row, today } = await loadQuiz(tx, actor, quizId, 'study');
    await lockTaker(tx, quizId, actor.personId!);
    const [pending] = await queryRows<{
      id: string;
      question_ids: string[] | string;
      deadline_at: Date | string | null;
    }>(
      tx,
      sql`select id, question_ids, deadline_at from training_attempts
          where quiz_id = ${quizId} and person_id = ${actor.personId} and submitted_at is null
          order by started_at desc limit 1`,
    );
    let attempt = pending;
    if (!attempt) {
      if (row.mode !== 'fixed' || row.time_limit_minutes)
        throw conflict('请先开始答题（本测试限时或随机抽题）');
      checkTakeable(row, today);
      const started = await insertAttempt(tx, actor, row, ids(row.question_ids));
      attempt = { id: started.id, question_ids: ids(row.question_ids), deadline_at: null };
    }
    const questionIds = ids(attempt.question_ids);
    const questions = await queryRows<{
      id: string;
      kind: QuestionKind;
      text: string;
      options: string[] | string;
      answer: number[] | string;
      explanation: string | null;
    }>(
      tx,
      sql`select id, kind, text, options, answer, explanation from training_questions where id in (${uuidList(questionIds)})`,
    );
    const byId = new Map(
      questions.map((q) => [
        q.id,
        {
          ...q,
          options: ids(q.options),
          answer: (typeof q.answer === 'string' ? JSON.parse(q.answer) : q.answer) as number[],
        },
      ]),
    );
    checkAnswers(input, byId);
    const ordered = questionIds.filter((q) => byId.has(q)).map((q) => byId.get(q)!);
    const now = new Date();
    const late =
      attempt.deadline_at !== null &&
      now.getTime() > new Date(attempt.deadline_at).getTime() + SUBMIT_GRACE_SECONDS * 1000;
    const graded = gradeAttempt(ordered, input.answers, row.pass_score);
    const score = late ? 0 : graded.score;
    const passed = late ? false : graded.passed;
    await tx
      .update(trainingAttempts)
      .set({ submittedAt: now, answers: input.answers, results: graded.results, score, passed, late })
      .where(eq(trainingAttempts.id, attempt.id));
    await audit(tx, actor, {
      action: 'training_attempt.submit',
      target: { entity: attemptEntity, id: attempt.id },
      details: { quizId, score, passed, late },
    });
    const given = new Map(input.answers.map((a) => [a.questionId, a.choices]));
    const used = row.my_attempts + 1;
    return {
      attemptId: attempt.id,
      score,
      passed,
      correct: graded.results.filter((r) => r.correct).length,
      total: ordered.length,
      late,
      attemptsLeft: row.max_attempts === null ? null : Math.max(0, row.max_attempts - used),
      review: ordered.map((q, i) => ({
        questionId: q.id,
        kind: q.kind,
        text: q.text,
        options: q.options,
        choices: given.get(q.id) ?? [],
        answer: q.answer,
        correct: graded.results[i].correct,
        explanation: q.explanation,
      })),
    };
  });
}
