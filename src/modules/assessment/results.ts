import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { conflict, invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, hide } from '../../platform/policy';
import { type ComputedResult, computeResults } from './compute';
import type { Result, ResultDetail, ResultList, Round, ScoreBody } from './contract';
import { canOnRound, seesSubject, viewsAssessment } from './policy';
import { presentRound, type RoundRow, readableRound, roundResource, roundSpec } from './rounds';
import { ranks, referenceDay, starsOf } from './rules';
import { loadAssessmentSettings } from './settings';
import { loadSubjects } from './subjects';
import {
  assessmentResults,
  assessmentRounds,
  assessmentScores,
  resultEntity,
  roundEntity,
  scoreEntity,
} from './tables';
import { itemsOf } from './templates';

/**
 * A round's results: live while the round is open, frozen once it is closed (the snapshot written at
 * closing is read back as it was; nothing recomputes it). Each caller sees the subjects in their reach.
 * Rank and stars follow the tenant's settings, off by default: then `rank` and `stars` are null and the
 * list keeps the order of the tree, never an order by score.
 */

/** Evidence records shown per item in a list of results (the subject's own page shows them all). */
const LIST_RECORDS = 5;

async function frozenResults(db: Executor, roundId: string): Promise<ComputedResult[]> {
  const [packed] = await queryRows<{ j: string }>(
    db,
    sql`select coalesce(json_agg(snapshot order by id)::text, '[]') as j from assessment_results where round_id = ${roundId}`,
  );
  return JSON.parse(packed.j) as ComputedResult[];
}

interface Answer {
  asOf: string;
  ranking: boolean;
  stars: boolean;
  items: Result[];
}

/** The results the caller may see, with rank and stars per the settings. */
async function answer(
  db: Executor,
  actor: Actor,
  row: RoundRow,
  today: string,
  only?: string,
): Promise<Answer> {
  const settings = await loadAssessmentSettings(db, actor.tenantId);
  const res = roundResource(row);
  let all: ComputedResult[];
  if (row.status === 'closed') {
    all = await frozenResults(db, row.id);
    if (only && !settings.ranking) all = all.filter((r) => r.subjectId === only);
  } else
    all = await computeResults(db, roundSpec(row), today, only && !settings.ranking ? [only] : undefined);
  const rankOf = settings.ranking
    ? ranks(all.filter((r) => r.applicable).map((r) => ({ key: r.subjectId, percent: r.percent })))
    : new Map<string, number>();
  let items: Result[] = all
    .filter((r) => seesSubject(actor, res, { orgPath: r.orgPath, personId: r.personId }))
    .filter((r) => !only || r.subjectId === only)
    .map(({ orgPath: _, ...r }) => ({
      ...r,
      rank: settings.ranking ? (rankOf.get(r.subjectId) ?? null) : null,
      stars: settings.stars && r.applicable ? starsOf(r.percent, settings.starLevels) : null,
    }));
  if (settings.ranking) items = [...items].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  return {
    asOf:
      row.status === 'closed'
        ? (row.frozen_on ?? today)
        : referenceDay({ from: row.period_start, to: row.period_end }, today),
    ranking: settings.ranking,
    stars: settings.stars,
    items,
  };
}

const trimmed = (r: Result): Result => ({
  ...r,
  items: r.items.map((i) => ({
    ...i,
    evidence: { ...i.evidence, records: i.evidence.records.slice(0, LIST_RECORDS) },
  })),
});

export async function roundResults(
  ctx: AppContext,
  actor: Actor,
  id: string,
  today = todayLocal(),
): Promise<ResultList> {
  enforce(viewsAssessment(actor));
  const { row, partial } = await readableRound(ctx.db, actor, id);
  const a = await answer(ctx.db, actor, row, today);
  return {
    round: presentRound(actor, row, partial),
    ranking: a.ranking,
    stars: a.stars,
    asOf: a.asOf,
    items: a.items.map(trimmed),
  };
}

/** One subject's result with all its evidence. */
export async function subjectResult(
  ctx: AppContext,
  actor: Actor,
  id: string,
  subjectId: string,
  today = todayLocal(),
): Promise<ResultDetail> {
  enforce(viewsAssessment(actor));
  const { row, partial } = await readableRound(ctx.db, actor, id);
  const a = await answer(ctx.db, actor, row, today, subjectId);
  const result = a.items[0];
  if (!result) enforce(hide('考核对象'));
  return {
    round: presentRound(actor, row, partial),
    ranking: a.ranking,
    stars: a.stars,
    asOf: a.asOf,
    result,
  };
}

/** An inspector scores a manual item for one subject, with the reason; a closed round refuses. */
export async function scoreItem(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ScoreBody,
  today = todayLocal(),
): Promise<ResultDetail> {
  enforce(viewsAssessment(actor));
  await ctx.db.transaction(async (tx) => {
    const { row, partial } = await readableRound(tx, actor, id, true);
    enforce(canOnRound(actor, 'score', roundResource(row), partial));
    if (row.status === 'closed') throw conflict('考核已结束，结果已冻结，不能再评分');
    const item = itemsOf(row).find((i) => i.id === input.itemId);
    if (!item) throw invalid({ itemId: '考核项目：本轮考核没有该项目' });
    if (item.source !== 'manual')
      throw invalid({ itemId: `考核项目：“${item.name}”由系统根据记录计算，不能人工评分` });
    if (input.points > item.maxPoints)
      throw invalid({ points: `得分：不能超过该项目的分值 ${item.maxPoints} 分` });
    const spec = roundSpec(row);
    const [subject] = await loadSubjects(tx, actor.tenantId, spec, referenceDay(spec.period, today), [
      input.subjectId,
    ]);
    if (!subject) throw invalid({ subjectId: '考核对象：不在本轮考核范围内' });
    const [old] = await queryRows<{ id: string; points: string; reason: string }>(
      tx,
      sql`select id, points, reason from assessment_scores where round_id = ${row.id} and subject_id = ${subject.id} and item_id = ${item.id}`,
    );
    const scoreId = old?.id ?? newId();
    const values = {
      points: input.points,
      reason: input.reason,
      scoredBy: actor.accountId,
      scoredByName: actor.displayName,
      scoredAt: new Date(),
    };
    if (old) await tx.update(assessmentScores).set(values).where(sql`id = ${old.id}`);
    else
      await tx.insert(assessmentScores).values({
        id: scoreId,
        tenantId: actor.tenantId,
        roundId: row.id,
        subjectId: subject.id,
        orgId: subject.orgId,
        itemId: item.id,
        ...values,
      });
    await audit(tx, actor, {
      action: 'assessment_score.set',
      target: { entity: scoreEntity, id: scoreId },
      details: {
        roundId: row.id,
        subjectId: subject.id,
        itemId: item.id,
        from: old ? Number(old.points) : null,
        to: input.points,
        reason: input.reason,
      },
    });
  });
  return subjectResult(ctx, actor, id, input.subjectId, today);
}

/**
 * Closes a round: computes every subject on `today` and stores the answer (items, readings, evidence) in
 * one transaction with the round's new status; from then on the results are read, never recomputed.
 */
export async function closeRound(
  ctx: AppContext,
  actor: Actor,
  id: string,
  today = todayLocal(),
): Promise<Round> {
  enforce(viewsAssessment(actor));
  await ctx.db.transaction(async (tx) => {
    const { row, partial } = await readableRound(tx, actor, id, true);
    enforce(canOnRound(actor, 'close', roundResource(row), partial));
    if (row.status === 'closed') throw conflict('考核已结束，结果已冻结');
    const results = await computeResults(tx, roundSpec(row), today);
    const now = new Date();
    const rows = results.map((r) => ({
      id: newId(),
      tenantId: actor.tenantId,
      roundId: row.id,
      subjectId: r.subjectId,
      orgId: r.orgId,
      personId: r.personId,
      applicable: r.applicable,
      total: r.total,
      maxTotal: r.maxTotal,
      percent: r.percent,
      snapshot: r,
      createdAt: now,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await tx.insert(assessmentResults).values(rows.slice(i, i + 100));
    await tx
      .update(assessmentRounds)
      .set({
        status: 'closed',
        closedAt: now,
        closedBy: actor.accountId,
        closedByName: actor.displayName,
        frozenOn: today,
      })
      .where(sql`id = ${row.id}`);
    await audit(tx, actor, [
      {
        action: 'assessment_round.close',
        target: { entity: roundEntity, id: row.id },
        details: { frozenOn: today, subjects: rows.length },
      },
      ...rows.map((r) => ({
        action: 'assessment_result.freeze',
        target: { entity: resultEntity, id: r.id },
        details: { roundId: row.id, subjectId: r.subjectId, total: r.total, percent: r.percent },
      })),
    ]);
  });
  const { row, partial } = await readableRound(ctx.db, actor, id);
  return presentRound(actor, row, partial);
}

/** The results for an export: everything the caller sees, with every record. */
export async function resultsForExport(ctx: AppContext, actor: Actor, id: string, today = todayLocal()) {
  const { row, partial } = await readableRound(ctx.db, actor, id);
  enforce(canOnRound(actor, 'export', roundResource(row), partial));
  const a = await answer(ctx.db, actor, row, today);
  return { row, round: presentRound(actor, row, partial), ...a };
}
