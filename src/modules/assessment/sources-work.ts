import { groupBy } from '../../platform/collections';
import { overdueRectificationCounts, overdueRectificationList } from '../inspection/api';
import { overdueTaskCounts, overdueTaskList } from '../tasks/api';
import { SOURCE_LABELS as HOUR_SOURCES, studyHoursByPerson } from '../training/api';
import type { Source } from './rules';
import { yearShare } from './rules';
import {
  type Computer,
  cached,
  evidenceOf,
  notApplicable,
  type SourceInput,
  type SourceReading,
} from './source-kit';

/**
 * Sources read from the supervision and training modules through their api.ts: overdue rectifications
 * (inspection), overdue tasks (tasks), study hours against the yearly target (training). Counts are per
 * target organization; "overdue" is each module's own rule (answered after the deadline, or not answered
 * and the deadline passed by the day of computing).
 */

const countSource =
  (opts: {
    label: string;
    unit: string;
    counts: (i: SourceInput) => Promise<{ orgId: string; due: number; overdue: number }[]>;
    list: (
      i: SourceInput,
    ) => Promise<{ id: string; orgId: string; title: string; dueOn: string; note: string; link: string }[]>;
    link: (orgId: string) => string;
  }): Computer =>
  async (input) => {
    const [counts, list] = await Promise.all([opts.counts(input), opts.list(input)]);
    const countOf = new Map(counts.map((c) => [c.orgId, c]));
    const listOf = groupBy(list, (r) => r.orgId);
    const out = new Map<string, SourceReading>();
    for (const s of input.subjects) {
      const c = countOf.get(s.orgId) ?? { due: 0, overdue: 0 };
      const own = listOf.get(s.orgId) ?? [];
      const text = c.due
        ? `截止日期在考核期内的${opts.label} ${c.due} ${opts.unit}，逾期 ${c.overdue} ${opts.unit}`
        : `考核期内没有到期的${opts.label}`;
      out.set(s.id, {
        applicable: true,
        value: c.overdue,
        valueText: text,
        reading: { measure: 'count', amount: c.overdue },
        evidence: evidenceOf(
          text,
          opts.link(s.orgId),
          own.map((r) => ({
            id: r.id,
            title: r.title,
            date: r.dueOn,
            note: r.note,
            link: r.link,
            tone: 'bad' as const,
          })),
        ),
      });
    }
    return out;
  };

const filterOf = (i: SourceInput) => ({
  orgPaths: [i.scopePath],
  from: i.period.from,
  to: i.period.to,
  asOf: i.today,
});

const overdueRectifications = countSource({
  label: '整改事项',
  unit: '项',
  counts: (i) => overdueRectificationCounts(i.db, i.tenantId, filterOf(i)),
  list: async (i) =>
    (await overdueRectificationList(i.db, i.tenantId, filterOf(i))).map((r) => ({
      id: r.id,
      orgId: r.orgId,
      title: `${r.inspectionTitle}：${r.item}`,
      dueOn: r.dueOn,
      note: r.firstAnsweredOn
        ? `整改期限 ${r.dueOn}，${r.firstAnsweredOn} 才答复`
        : `整改期限 ${r.dueOn}，至今未答复（${r.statusLabel}）`,
      link: r.link,
    })),
  link: (orgId) => `/rectifications?orgId=${orgId}`,
});

const overdueTasks = countSource({
  label: '督办任务',
  unit: '项',
  counts: (i) => overdueTaskCounts(i.db, i.tenantId, filterOf(i)),
  list: async (i) =>
    (await overdueTaskList(i.db, i.tenantId, filterOf(i))).map((t) => ({
      id: `${t.taskId}:${t.orgId}`,
      orgId: t.orgId,
      title: `${t.title}（${t.senderName}）`,
      dueOn: t.dueOn,
      note: t.firstSubmittedOn
        ? `截止 ${t.dueOn}，${t.firstSubmittedOn} 才回复`
        : `截止 ${t.dueOn}，至今未回复（${t.statusLabel}）`,
      link: t.link,
    })),
  link: (orgId) => `/tasks/board?orgId=${orgId}`,
});

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Study hours of the year of the period's end (training's ledger: every hour follows the person), against
 * the target prorated to the reference day. A branch is read on the average of its members who are not
 * exempt, in their current branch; a member on their own hours.
 */
const studyHours: Computer = async (input) => {
  const year = Number(input.ref.slice(0, 4));
  const people = await cached(input, 'studyHours', () =>
    studyHoursByPerson(input.db, input.tenantId, { year, orgPaths: [input.scopePath], today: input.ref }),
  );
  const share = yearShare(input.ref);
  const out = new Map<string, SourceReading>();
  const link = `/training/hours?year=${year}`;
  if (input.target === 'member') {
    const byPerson = new Map(people.map((p) => [p.personId, p]));
    for (const s of input.subjects) {
      const p = byPerson.get(s.id);
      if (!p || p.exempt) {
        out.set(s.id, notApplicable(p ? '免于学时要求' : '不在学时台账中', evidenceOf('不计学时', link, [])));
        continue;
      }
      const expected = p.target * share;
      const text = `本年 ${p.hours} 学时，年度目标 ${p.target} 学时，按进度应达 ${round1(expected)} 学时`;
      out.set(s.id, {
        applicable: true,
        value: p.hours,
        valueText: text,
        reading: { measure: 'ratio', ratio: expected > 0 ? Math.min(1, p.hours / expected) : 1 },
        evidence: evidenceOf(
          text,
          link,
          p.sources.map((x) => ({
            id: x.kind,
            title: HOUR_SOURCES[x.kind] ?? x.kind,
            date: null,
            note: `${x.hours} 学时`,
            link: null,
            tone: 'neutral' as const,
          })),
        ),
      });
    }
    return out;
  }
  const byOrg = groupBy(
    people.filter((p) => !p.exempt),
    (p) => p.orgId,
  );
  for (const s of input.subjects) {
    const own = byOrg.get(s.orgId) ?? [];
    if (!own.length) {
      out.set(s.id, notApplicable('没有需计学时的党员', evidenceOf('没有需计学时的党员', link, [])));
      continue;
    }
    const target = own[0].target;
    const avg = round1(own.reduce((a, p) => a + p.hours, 0) / own.length);
    const expected = target * share;
    const behind = own.filter((p) => p.hours < expected).sort((a, b) => a.hours - b.hours);
    const text = `需计学时党员 ${own.length} 人，人均 ${avg} 学时；年度目标 ${target} 学时，按进度应达 ${round1(expected)} 学时，${behind.length} 人未达进度`;
    out.set(s.id, {
      applicable: true,
      value: avg,
      valueText: text,
      reading: { measure: 'ratio', ratio: expected > 0 ? Math.min(1, avg / expected) : 1 },
      evidence: evidenceOf(
        text,
        `${link}&orgId=${s.orgId}`,
        behind.map((p) => ({
          id: p.personId,
          title: `${p.name}：${p.hours} 学时`,
          date: null,
          note: `按进度还差 ${round1(expected - p.hours)} 学时`,
          link: `/training/hours/${p.personId}?year=${year}`,
          tone: 'bad' as const,
        })),
      ),
    });
  }
  return out;
};

export const workComputers: Partial<Record<Source, Computer>> = {
  overdue_rectifications: overdueRectifications,
  overdue_tasks: overdueTasks,
  study_hours: studyHours,
};
