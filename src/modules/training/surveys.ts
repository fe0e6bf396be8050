import { type SQL, sql } from 'drizzle-orm';
import { type Actor, managedPaths, orgInPaths, pathsWithRole } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, permitted } from '../../platform/policy';
import { iso, myBranchPath, organizerOrg } from './common';
import type { AnswerSurveyBody, CreateSurveyBody, SurveyDetail, SurveyItem } from './contract';
import { MEMBER_STATUSES } from './ledger';
import { canOnSurvey, seesTraining } from './policy';
import { surveyAnswerEntity, surveyEntity, trainingSurveyAnswers, trainingSurveys } from './tables';

/**
 * 培训需求调查: the committee or a general branch asks its branches (one answer each, by the secretary) or
 * its members (one each) which topics they need; the answers add up per topic and per organization one
 * level down, and a class can be planned from a topic's demand.
 */

const AUDIENCE_LABELS = { members: '党员个人填写', branches: '各党支部填写' } as const;

export async function createSurvey(
  ctx: AppContext,
  actor: Actor,
  input: CreateSurveyBody,
): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const org = await organizerOrg(tx, actor, input.orgId, 'survey');
    if (new Set(input.topics).size !== input.topics.length) throw invalid({ topics: '主题不能重复' });
    if (input.deadline < todayLocal()) throw invalid({ deadline: '截止日期不能早于今天' });
    const id = newId();
    await tx.insert(trainingSurveys).values({
      id,
      tenantId: actor.tenantId,
      orgId: org.id,
      title: input.title,
      description: input.description ?? null,
      topics: input.topics,
      audience: input.audience,
      deadline: input.deadline,
      createdBy: actor.accountId,
      createdByName: actor.displayName,
      createdAt: new Date(),
    });
    await audit(tx, actor, {
      action: 'training_survey.create',
      target: { entity: surveyEntity, id },
      details: { orgId: org.id, title: input.title, audience: input.audience },
    });
    return { id };
  });
}

type SurveyRow = {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  title: string;
  description: string | null;
  topics: string[] | string;
  audience: 'members' | 'branches';
  deadline: string;
  created_at: Date | string;
  answers: number;
  mine: number;
};

const secretaryPaths = (actor: Actor) => (actor.adminRole ? [] : pathsWithRole(actor, ['branch_secretary']));

const selectSurvey = (actor: Actor) => {
  const own = secretaryPaths(actor);
  const mineAsBranch = own.length
    ? sql`or (s.audience = 'branches' and a.person_id is null and a.org_id in (select id from orgs where path in (${sql.join(
        own.map((p) => sql`${p}`),
        sql`, `,
      )})))`
    : sql``;
  return sql`s.*, o.name as org_name, o.path as org_path,
    (select count(*)::int from training_survey_answers a where a.survey_id = s.id) as answers,
    (select count(*)::int from training_survey_answers a where a.survey_id = s.id
       and (a.person_id = ${actor.personId ?? null}::uuid ${mineAsBranch})) as mine`;
};
const FROM = sql`training_surveys s join orgs o on o.id = s.org_id`;

function surveyScope(actor: Actor, branchPath: string | null): SQL {
  const parts: SQL[] = [];
  const managed = managedPaths(actor);
  if (managed.length) parts.push(orgInPaths(sql`s.org_id`, managed));
  const own = secretaryPaths(actor);
  if (own.length)
    parts.push(
      sql`(s.audience = 'branches' and (${sql.join(
        own.map((p) => sql`${p} like o.path || '%'`),
        sql` or `,
      )}))`,
    );
  if (branchPath && actor.personId)
    parts.push(sql`(s.audience = 'members' and ${branchPath} like o.path || '%')`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

const arr = (v: string[] | string): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : v);

function present(actor: Actor, r: SurveyRow, branchPath: string | null, today: string): SurveyItem {
  const res = {
    tenantId: r.tenant_id,
    orgPath: r.org_path,
    audience: r.audience,
    myBranchPath: branchPath,
    deadline: r.deadline,
  };
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    description: r.description,
    topics: arr(r.topics),
    audience: r.audience,
    audienceLabel: AUDIENCE_LABELS[r.audience],
    deadline: r.deadline,
    open: r.deadline >= today,
    createdAt: iso(r.created_at),
    answered: r.mine > 0,
    answerCount: r.answers,
    actions: permitted((a: 'answer' | 'results') => canOnSurvey(actor, a, res, today), [
      'answer',
      'results',
    ] as const),
  };
}

export async function listSurveys(ctx: AppContext, actor: Actor, q: { page: number; pageSize: number }) {
  enforce(seesTraining(actor));
  const today = todayLocal();
  const branchPath = await myBranchPath(ctx.db, actor);
  const where = sql`s.tenant_id = ${actor.tenantId} and ${surveyScope(actor, branchPath)}`;
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${FROM} where ${where}`,
  );
  const rows = await queryRows<SurveyRow>(
    ctx.db,
    sql`select ${selectSurvey(actor)} from ${FROM} where ${where}
        order by (s.deadline >= ${today}) desc, s.deadline desc, s.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return {
    items: rows.map((r) => present(actor, r, branchPath, today)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadSurvey(
  db: Executor,
  actor: Actor,
  id: string,
  action: 'read' | 'answer' | 'results' = 'read',
) {
  const [row] = await queryRows<SurveyRow>(
    db,
    sql`select ${selectSurvey(actor)} from ${FROM} where s.id = ${id} and s.tenant_id = ${actor.tenantId}`,
  );
  if (!row) throw notFound('需求调查');
  const branchPath = await myBranchPath(db, actor);
  const today = todayLocal();
  enforce(
    canOnSurvey(
      actor,
      action,
      {
        tenantId: row.tenant_id,
        orgPath: row.org_path,
        audience: row.audience,
        myBranchPath: branchPath,
        deadline: row.deadline,
      },
      today,
    ),
  );
  return { row, branchPath, today };
}

/** The branches the caller answers a branch survey for: those they are secretary of, under the issuer. */
async function answerOrgs(db: Executor, actor: Actor, row: SurveyRow) {
  const own = secretaryPaths(actor).filter((p) => p.startsWith(row.org_path));
  if (row.audience !== 'branches' || !own.length) return [];
  return queryRows<{ id: string; name: string; answered: boolean }>(
    db,
    sql`select o.id, o.name, exists (select 1 from training_survey_answers a where a.survey_id = ${row.id}
          and a.org_id = o.id and a.person_id is null) as answered
        from orgs o where o.tenant_id = ${actor.tenantId} and o.type = 'branch' and o.path in (${sql.join(
          own.map((p) => sql`${p}`),
          sql`, `,
        )}) order by o.name`,
  );
}

async function results(db: Executor, row: SurveyRow): Promise<NonNullable<SurveyDetail['results']>> {
  const prefix = `${row.org_path}%`;
  const expected = await queryRows<{ org_id: string; path: string; n: number }>(
    db,
    row.audience === 'members'
      ? sql`select p.org_id, o.path, count(*)::int as n from people p join orgs o on o.id = p.org_id
            where p.tenant_id = ${row.tenant_id} and p.ended_on is null and p.party_status in ${MEMBER_STATUSES}
              and o.path like ${prefix} group by p.org_id, o.path`
      : sql`select o.id as org_id, o.path, 1 as n from orgs o
            where o.tenant_id = ${row.tenant_id} and o.type = 'branch' and o.dissolved_on is null and o.path like ${prefix}`,
  );
  const answers = await queryRows<{
    org_id: string;
    path: string;
    org_name: string;
    person_id: string | null;
    choices: string[] | string;
    comment: string | null;
  }>(
    db,
    sql`select a.org_id, o.path, o.name as org_name, a.person_id, a.choices, a.comment
        from training_survey_answers a join orgs o on o.id = a.org_id where a.survey_id = ${row.id}`,
  );
  const children = await queryRows<{ id: string; name: string; path: string }>(
    db,
    sql`select id, name, path from orgs where parent_id = ${row.org_id} and type <> 'party_group' and dissolved_on is null
        order by sort_order, name`,
  );
  const topics = arr(row.topics);
  const count = (list: typeof answers, t: string) => list.filter((a) => arr(a.choices).includes(t)).length;
  return {
    expected: expected.reduce((s, e) => s + e.n, 0),
    answered: answers.length,
    topics: topics
      .map((topic) => {
        const chose = answers.filter((a) => arr(a.choices).includes(topic));
        return {
          topic,
          count: chose.length,
          personIds: chose.flatMap((a) => (a.person_id ? [a.person_id] : [])),
          orgIds: [...new Set(chose.map((a) => a.org_id))],
        };
      })
      .sort((a, b) => b.count - a.count),
    byOrg: children.map((c) => {
      const mine = answers.filter((a) => a.path.startsWith(c.path));
      return {
        orgId: c.id,
        name: c.name,
        expected: expected.filter((e) => e.path.startsWith(c.path)).reduce((s, e) => s + e.n, 0),
        answered: mine.length,
        topics: topics.map((topic) => ({ topic, count: count(mine, topic) })),
      };
    }),
    comments: answers.filter((a) => a.comment).map((a) => ({ orgName: a.org_name, text: a.comment! })),
  };
}

export async function getSurvey(ctx: AppContext, actor: Actor, id: string): Promise<SurveyDetail> {
  const { row, branchPath, today } = await loadSurvey(ctx.db, actor, id);
  const item = present(actor, row, branchPath, today);
  const orgs = await answerOrgs(ctx.db, actor, row);
  const [mine] = await queryRows<{
    org_id: string;
    org_name: string;
    choices: string[] | string;
    comment: string | null;
    answered_at: Date | string;
  }>(
    ctx.db,
    row.audience === 'members'
      ? sql`select a.org_id, o.name as org_name, a.choices, a.comment, a.answered_at from training_survey_answers a
            join orgs o on o.id = a.org_id where a.survey_id = ${id} and a.person_id = ${actor.personId ?? null}::uuid`
      : sql`select a.org_id, o.name as org_name, a.choices, a.comment, a.answered_at from training_survey_answers a
            join orgs o on o.id = a.org_id where a.survey_id = ${id} and a.person_id is null
              and a.org_id in (${
                orgs.length
                  ? sql.join(
                      orgs.map((o) => sql`${o.id}::uuid`),
                      sql`, `,
                    )
                  : sql`null`
              })
            order by a.answered_at desc limit 1`,
  );
  return {
    ...item,
    myAnswer: mine
      ? {
          orgId: mine.org_id,
          orgName: mine.org_name,
          choices: arr(mine.choices),
          comment: mine.comment,
          answeredAt: iso(mine.answered_at),
        }
      : null,
    answerOrgs: orgs,
    results: item.actions.includes('results') ? await results(ctx.db, row) : null,
  };
}

/** Records (or, before the deadline, replaces) the caller's answer, or their branch's. */
export async function answerSurvey(ctx: AppContext, actor: Actor, id: string, input: AnswerSurveyBody) {
  await ctx.db.transaction(async (tx) => {
    const { row } = await loadSurvey(tx, actor, id, 'answer');
    const topics = arr(row.topics);
    const errors: Record<string, string> = {};
    input.choices.forEach((c, i) => {
      if (!topics.includes(c)) errors[`choices.${i}`] = `“${c}”不是本调查列出的主题`;
    });
    if (new Set(input.choices).size !== input.choices.length) errors.choices = '主题重复';
    if (Object.keys(errors).length) throw invalid(errors);
    let orgId: string;
    let personId: string | null = null;
    if (row.audience === 'branches') {
      const orgs = await answerOrgs(tx, actor, row);
      const pick = input.orgId
        ? orgs.find((o) => o.id === input.orgId)
        : orgs.length === 1
          ? orgs[0]
          : undefined;
      if (!pick)
        throw invalid({
          orgId: orgs.length > 1 ? '请选择代表哪个党支部填写' : '您不是该调查范围内党支部的书记',
        });
      orgId = pick.id;
    } else {
      const [me] = await queryRows<{ org_id: string }>(
        tx,
        sql`select org_id from people where id = ${actor.personId}`,
      );
      orgId = me.org_id;
      personId = actor.personId;
    }
    const [prior] = await queryRows<{ id: string }>(
      tx,
      personId
        ? sql`select id from training_survey_answers where survey_id = ${id} and person_id = ${personId}`
        : sql`select id from training_survey_answers where survey_id = ${id} and org_id = ${orgId} and person_id is null`,
    );
    const answerId = prior?.id ?? newId();
    const values = {
      orgId,
      choices: input.choices,
      comment: input.comment ?? null,
      answeredBy: actor.accountId,
      answeredByName: actor.displayName,
      answeredAt: new Date(),
    };
    if (prior) await tx.update(trainingSurveyAnswers).set(values).where(sql`id = ${answerId}`);
    else
      await tx
        .insert(trainingSurveyAnswers)
        .values({ id: answerId, tenantId: actor.tenantId, surveyId: id, personId, ...values });
    await audit(tx, actor, {
      action: 'training_survey.answer',
      target: { entity: surveyAnswerEntity, id: answerId },
      details: { surveyId: id, orgId, choices: input.choices, replaced: !!prior },
    });
  });
  return getSurvey(ctx, actor, id);
}
