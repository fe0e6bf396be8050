import { sql } from 'drizzle-orm';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import type { Result, ResultItem } from './contract';
import {
  type Applicability,
  branchApplicability,
  itemPoints,
  type Period,
  referenceDay,
  SOURCE_SPECS,
  type Source,
  type Target,
  totalOf,
} from './rules';
import type { SourceReading } from './source-kit';
import { COMPUTERS, sourceAvailable } from './sources';
import { loadSubjects, type Subject } from './subjects';
import type { StoredItem } from './tables';

/**
 * A round's results: the subjects, each item's reading from its source (or the inspector's score), the
 * points by the item's rule and the total. Open rounds are computed on every read; closing a round stores
 * this answer (assessment_results) and nothing recomputes it afterwards.
 */

/** A result as computed and as frozen: the answer without rank and stars (those follow the settings). */
export type ComputedResult = Omit<Result, 'rank' | 'stars'> & { orgPath: string };

export interface RoundSpec {
  id: string;
  tenantId: string;
  orgPath: string;
  target: Target;
  period: Period;
  items: StoredItem[];
  bonusCap: number | null;
  deductionCap: number | null;
}

interface Score {
  points: number;
  reason: string;
  scoredByName: string;
}

const MODULE_LABELS: Record<string, string> = {
  meetings: '组织生活',
  talks: '谈心谈话',
  safety: '安全生产',
  tasks: '督办',
  inspection: '网上检查',
  training: '素质培训',
  dues: '党费',
};

async function loadScores(db: Executor, roundId: string, subjectIds: string[]): Promise<Map<string, Score>> {
  if (!subjectIds.length) return new Map();
  const rows = await queryRows<{
    subject_id: string;
    item_id: string;
    points: string;
    reason: string;
    scored_by_name: string;
  }>(
    db,
    sql`select subject_id, item_id, points, reason, scored_by_name from assessment_scores
        where round_id = ${roundId} and subject_id in (${uuidList(subjectIds)})`,
  );
  return new Map(
    rows.map((r) => [
      `${r.subject_id}:${r.item_id}`,
      { points: Number(r.points), reason: r.reason, scoredByName: r.scored_by_name },
    ]),
  );
}

function manualItem(item: StoredItem, score: Score | undefined): ResultItem {
  return {
    itemId: item.id,
    name: item.name,
    kind: item.kind,
    source: item.source,
    sourceLabel: SOURCE_SPECS.manual.label,
    points: score ? itemPoints(item, { measure: 'manual', points: score.points }) : null,
    max: item.maxPoints,
    computed: false,
    available: true,
    applicable: true,
    scored: !!score,
    value: score?.points ?? null,
    valueText: score ? `评 ${score.points} 分` : '待评分',
    reason: score?.reason ?? null,
    scoredByName: score?.scoredByName ?? null,
    evidence: {
      summary: score
        ? `评分理由：${score.reason}（${score.scoredByName}）`
        : `尚未评分${item.criteria ? `；评分标准：${item.criteria}` : ''}`,
      link: null,
      total: 0,
      records: [],
    },
  };
}

function computedItem(item: StoredItem, reading: SourceReading | undefined, counted: boolean): ResultItem {
  const spec = SOURCE_SPECS[item.source];
  const base = {
    itemId: item.id,
    name: item.name,
    kind: item.kind,
    source: item.source,
    sourceLabel: spec.label,
    max: item.maxPoints,
    computed: true,
    scored: false,
    reason: null,
    scoredByName: null,
  };
  if (!sourceAvailable(item.source) || !reading) {
    const module = MODULE_LABELS[spec.module ?? ''] ?? spec.module ?? '';
    return {
      ...base,
      points: null,
      available: false,
      applicable: false,
      value: null,
      valueText: '数据来源未启用',
      evidence: {
        summary: `数据来源未启用：${module}模块尚未启用，本项不计入总分`,
        link: null,
        total: 0,
        records: [],
      },
    };
  }
  const applies = reading.applicable && reading.reading !== null;
  return {
    ...base,
    points: applies && counted && reading.reading ? itemPoints(item, reading.reading) : null,
    available: true,
    applicable: applies && counted,
    value: reading.value,
    valueText: applies ? reading.valueText : `不适用：${reading.valueText}`,
    evidence: reading.evidence,
  };
}

/** One subject's answer from the readings and scores. */
export function resultOf(
  round: RoundSpec,
  subject: Subject,
  applicability: Applicability,
  readings: Map<Source, Map<string, SourceReading>>,
  scores: Map<string, Score>,
): ComputedResult {
  const items = round.items.map((item) => {
    if (item.source === 'manual') {
      const m = manualItem(item, scores.get(`${subject.id}:${item.id}`));
      return applicability.applicable ? m : { ...m, points: null, applicable: false };
    }
    return computedItem(item, readings.get(item.source)?.get(subject.id), applicability.applicable);
  });
  const t = totalOf(
    items.map((i) => ({ kind: i.kind, maxPoints: i.max, points: i.points })),
    { bonusCap: round.bonusCap, deductionCap: round.deductionCap },
  );
  return {
    subjectId: subject.id,
    orgId: subject.orgId,
    orgName: subject.orgName,
    orgPath: subject.orgPath,
    personId: subject.personId,
    personName: subject.personName,
    zones: subject.zones,
    applicable: applicability.applicable,
    note: applicability.note,
    total: applicability.applicable ? t.total : null,
    maxTotal: applicability.applicable ? t.maxTotal : null,
    percent: applicability.applicable ? t.percent : null,
    bonus: t.bonus,
    deduction: t.deduction,
    unscored: items.filter((i) => !i.computed && !i.scored).length,
    items,
  };
}

/**
 * Computes a round's results on `today` for all its subjects, or for some (`only`: subject ids). Each
 * source is read once for all the subjects.
 */
export async function computeResults(
  db: Executor,
  round: RoundSpec,
  today: string,
  only?: string[],
): Promise<ComputedResult[]> {
  const ref = referenceDay(round.period, today);
  const subjects = await loadSubjects(db, round.tenantId, round, ref, only);
  const sources = [...new Set(round.items.map((i) => i.source))].filter(
    (s) => s !== 'manual' && sourceAvailable(s) && COMPUTERS[s],
  );
  const input = {
    db,
    tenantId: round.tenantId,
    target: round.target,
    period: round.period,
    today,
    ref,
    scopePath: round.orgPath,
    subjects,
    cache: new Map<string, Promise<unknown>>(),
  };
  // The sources and the scores are independent reads: on a server pool they overlap.
  const [computed, scores] = await Promise.all([
    subjects.length
      ? Promise.all(sources.map(async (s) => [s, await COMPUTERS[s]!(input)] as const))
      : Promise.resolve([]),
    loadScores(
      db,
      round.id,
      subjects.map((s) => s.id),
    ),
  ]);
  const readings = new Map<Source, Map<string, SourceReading>>(computed);
  return subjects.map((s) =>
    resultOf(
      round,
      s,
      round.target === 'branch'
        ? branchApplicability({ ...s, members: s.members.length }, round.period)
        : { applicable: true, note: null, activeShare: 1 },
      readings,
      scores,
    ),
  );
}
