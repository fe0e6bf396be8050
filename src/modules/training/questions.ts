import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, managedPaths, pathSql } from '../../platform/access';
import { type AuditEvent, audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce } from '../../platform/policy';
import { iso, organizerOrg } from './common';
import type { BankQuestion, CreateQuestionBody, QuestionListQuery } from './contract';
import { managesSomewhere } from './policy';
import { QUESTION_KIND_LABELS, type QuestionKind, questionProblems } from './rules';
import { questionEntity, trainingQuestions } from './tables';

/**
 * The question bank. A manager sees (with answers) the questions of the organizations they manage, and
 * may use — without seeing their answers — those of the organizations above (the committee's bank serves
 * every branch). A branch secretary who also takes the committee's quizzes never reads their answers.
 */

export type QuestionInput = Pick<CreateQuestionBody, 'kind' | 'text' | 'options' | 'answer' | 'explanation'>;

/** Checks questions; errors are named `<prefix>.<i>.<field>`, or the field itself for one question. */
export function checkQuestions(list: QuestionInput[], prefix?: string) {
  const errors: Record<string, string> = {};
  list.forEach((q, i) => {
    for (const [field, message] of Object.entries(questionProblems(q)))
      errors[prefix ? `${prefix}.${i}.${field}` : field] = message;
  });
  if (Object.keys(errors).length) throw invalid(errors);
}

/** Inserts checked questions into the bank of `orgId` with their audit events. */
export async function insertQuestions(
  tx: Executor,
  actor: Actor,
  orgId: string,
  topic: string,
  list: QuestionInput[],
): Promise<{ ids: string[]; events: AuditEvent[] }> {
  const now = new Date();
  const rows = list.map((q) => ({
    id: newId(),
    tenantId: actor.tenantId,
    orgId,
    kind: q.kind,
    text: q.text,
    options: q.options,
    answer: [...new Set(q.answer)].sort((a, b) => a - b),
    explanation: q.explanation ?? null,
    topic,
    createdByName: actor.displayName,
    createdAt: now,
  }));
  if (rows.length) await tx.insert(trainingQuestions).values(rows);
  return {
    ids: rows.map((r) => r.id),
    events: rows.map((r) => ({
      action: 'training_question.create',
      target: { entity: questionEntity, id: r.id },
      details: { orgId, topic, kind: r.kind },
    })),
  };
}

export async function createQuestion(
  ctx: AppContext,
  actor: Actor,
  input: CreateQuestionBody,
): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const org = await organizerOrg(tx, actor, input.orgId, 'question');
    checkQuestions([input]);
    const { ids, events } = await insertQuestions(tx, actor, org.id, input.topic, [input]);
    await audit(tx, actor, events);
    return { id: ids[0] };
  });
}

type QuestionRow = {
  id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  kind: QuestionKind;
  text: string;
  options: string[] | string;
  answer: number[] | string;
  explanation: string | null;
  topic: string;
  created_at: Date | string;
};
const arr = <T>(v: T[] | string): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : v);

/** SQL (alias `o` the owner): a question the caller may use — owned under or above a subtree they manage. */
export function usableQuestionScope(actor: Actor): SQL {
  const paths = managedPaths(actor);
  if (!paths.length || actor.adminRole) return sql`false`;
  return sql`(${pathSql(sql`o.path`, paths)} or ${sql.join(
    paths.map((p) => sql`${p} like o.path || '%'`),
    sql` or `,
  )})`;
}

/** Whether the caller may read a question's answer: it belongs to a subtree they manage. */
export const readsAnswerOf = (actor: Actor, ownerPath: string) =>
  actor.adminRole === null && managedPaths(actor).some((p) => ownerPath.startsWith(p));

function present(actor: Actor, r: QuestionRow): BankQuestion {
  const own = readsAnswerOf(actor, r.org_path);
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    kind: r.kind,
    kindLabel: QUESTION_KIND_LABELS[r.kind],
    text: r.text,
    options: arr(r.options),
    answer: own ? arr(r.answer) : null,
    explanation: own ? r.explanation : null,
    topic: r.topic,
    createdAt: iso(r.created_at),
  };
}

export async function listQuestions(ctx: AppContext, actor: Actor, q: QuestionListQuery) {
  enforce(managesSomewhere(actor));
  const parts: SQL[] = [sql`qn.tenant_id = ${actor.tenantId}`, usableQuestionScope(actor)];
  if (q.orgId) {
    const org = await authorizeOrg(ctx.db, actor, q.orgId, 'read');
    parts.push(sql`(o.path like ${`${org.path}%`} or ${org.path} like o.path || '%')`);
  }
  if (q.topic) parts.push(sql`qn.topic = ${q.topic}`);
  if (q.kind) parts.push(sql`qn.kind = ${q.kind}`);
  if (q.q) parts.push(sql`qn.text like ${`%${q.q}%`}`);
  const where = sql.join(parts, sql` and `);
  const from = sql`training_questions qn join orgs o on o.id = qn.org_id`;
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${from} where ${where}`,
  );
  const rows = await queryRows<QuestionRow>(
    ctx.db,
    sql`select qn.*, o.name as org_name, o.path as org_path from ${from} where ${where}
        order by qn.topic, qn.created_at desc, qn.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return { items: rows.map((r) => present(actor, r)), total, page: q.page, pageSize: q.pageSize };
}
