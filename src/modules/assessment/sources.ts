import { groupBy } from '../../platform/collections';
import { installedModules } from '../../platform/registry';
import { attendanceOfPeople, type BranchOrgLife, orgLifeForAssessment } from '../meetings/api';
import { memberViolationsForAssessment, overdueTalksForAssessment } from '../safety/api';
import { talksOfPeople } from '../talks/api';
import { type Period, periodLabel, SOURCE_SPECS, type Source, yearShare } from './rules';
import {
  type Computer,
  cached,
  evidenceOf,
  notApplicable,
  pct,
  type SourceInput,
  type SourceReading,
} from './source-kit';
import { workComputers } from './sources-work';

/**
 * The computed sources: each reads its module's api.ts once for all the subjects of a round and answers,
 * per subject, the figure, how it reads as points (a ratio or a count) and the records behind it, each
 * with the link to its page in its own module. A source whose module is not installed is unavailable:
 * its items show 数据来源未启用 and leave the total.
 */

/** Whether the module that answers a source is installed. */
export function sourceAvailable(source: Source): boolean {
  const module = SOURCE_SPECS[source].module;
  return module === null || installedModules().some((m) => m.name === module);
}

const quarterQuery = (p: Period) => {
  const q = Math.floor((Number(p.from.slice(5, 7)) - 1) / 3) + 1;
  const sameQuarter =
    Math.floor((Number(p.to.slice(5, 7)) - 1) / 3) + 1 === q && p.from.slice(0, 4) === p.to.slice(0, 4);
  return `year=${p.from.slice(0, 4)}${sameQuarter ? `&quarter=${q}` : ''}`;
};

const orgLife = (input: SourceInput) =>
  cached(input, 'orgLife', async () => {
    const list = await orgLifeForAssessment(
      input.db,
      input.tenantId,
      input.subjects.map((s) => s.orgId),
      input.period,
      input.today,
    );
    return new Map<string, BranchOrgLife>(list.map((l) => [l.branchId, l]));
  });

const meetingCompliance: Computer = async (input) => {
  const life = await orgLife(input);
  const out = new Map<string, SourceReading>();
  for (const s of input.subjects) {
    const l = life.get(s.orgId);
    const link = `/meetings/compliance?orgId=${s.orgId}&${quarterQuery(input.period)}`;
    const missed = (l?.units ?? [])
      .filter((u) => u.due && !u.held)
      .map((u) => ({
        id: `${u.kind}:${u.holderId}:${u.from}`,
        title: `${u.holderId === s.orgId ? '' : `${u.holderName} `}${u.kindLabel}（${periodLabel(u)}）未召开`,
        date: u.to,
        note: '应开未开',
        link,
        tone: 'bad' as const,
      }));
    const held = (l?.meetings ?? []).map((m) => ({
      id: m.id,
      title: `${m.kindLabel}：${m.topic}`,
      date: m.heldOn,
      note: m.late ? '补录' : null,
      link: m.link,
      tone: 'good' as const,
    }));
    if (!l || l.due === 0) {
      out.set(
        s.id,
        notApplicable('考核期内尚无到期的组织生活', evidenceOf('考核期内尚无到期应开的组织生活', link, held)),
      );
      continue;
    }
    const ratio = l.held / l.due;
    const text = `应开 ${l.due} 次，已开 ${l.held} 次${l.late ? `（其中补录 ${l.late} 次）` : ''}，落实率 ${pct(ratio)}`;
    out.set(s.id, {
      applicable: true,
      value: Math.round(ratio * 1000) / 10,
      valueText: text,
      reading: { measure: 'ratio', ratio },
      evidence: evidenceOf(missed.length ? `${text}；未召开 ${missed.length} 次` : text, link, [
        ...missed,
        ...held,
      ]),
    });
  }
  return out;
};

const meetingAttendance: Computer = async (input) => {
  const out = new Map<string, SourceReading>();
  if (input.target === 'member') {
    const list = await attendanceOfPeople(
      input.db,
      input.tenantId,
      input.subjects.map((s) => s.id),
      input.period,
    );
    const STATUS: Record<string, string> = { present: '出席', leave: '请假', absent: '缺席' };
    for (const a of list) {
      const records = a.meetings.map((m) => ({
        id: m.id,
        title: `${m.kindLabel}：${m.topic}`,
        date: m.heldOn,
        note: STATUS[m.status] ?? m.status,
        link: m.link,
        tone:
          m.status === 'present'
            ? ('good' as const)
            : m.status === 'absent'
              ? ('bad' as const)
              : ('neutral' as const),
      }));
      if (a.expected === 0) {
        out.set(
          a.personId,
          notApplicable(
            '考核期内没有应参加的组织生活',
            evidenceOf('考核期内没有应参加的组织生活', null, records),
          ),
        );
        continue;
      }
      const ratio = a.present / a.expected;
      const text = `应参加 ${a.expected} 次，出席 ${a.present} 次，出勤率 ${pct(ratio)}`;
      out.set(a.personId, {
        applicable: true,
        value: Math.round(ratio * 1000) / 10,
        valueText: text,
        reading: { measure: 'ratio', ratio },
        evidence: evidenceOf(text, null, records),
      });
    }
    return out;
  }
  const life = await orgLife(input);
  for (const s of input.subjects) {
    const l = life.get(s.orgId);
    const link = `/meetings?orgId=${s.orgId}`;
    const records = [...(l?.meetings ?? [])]
      .sort((a, b) => a.present / Math.max(1, a.expected) - b.present / Math.max(1, b.expected))
      .map((m) => ({
        id: m.id,
        title: `${m.kindLabel}：${m.topic}`,
        date: m.heldOn,
        note: `实到 ${m.present}/${m.expected}`,
        link: m.link,
        tone: m.expected && m.present / m.expected < 0.8 ? ('bad' as const) : ('neutral' as const),
      }));
    if (!l || l.attendanceExpected === 0) {
      out.set(
        s.id,
        notApplicable(
          '考核期内没有记录出勤的组织生活',
          evidenceOf('考核期内没有记录出勤的组织生活', link, records),
        ),
      );
      continue;
    }
    const ratio = l.attendancePresent / l.attendanceExpected;
    const text = `应到 ${l.attendanceExpected} 人次，实到 ${l.attendancePresent} 人次，出勤率 ${pct(ratio)}`;
    out.set(s.id, {
      applicable: true,
      value: Math.round(ratio * 1000) / 10,
      valueText: text,
      reading: { measure: 'ratio', ratio },
      evidence: evidenceOf(text, link, records),
    });
  }
  return out;
};

const talkCoverage: Computer = async (input) => {
  const people = input.subjects.flatMap((s) => s.members.map((m) => m.id));
  const talks = await talksOfPeople(
    input.db,
    input.tenantId,
    people,
    `${input.ref.slice(0, 4)}-01-01`,
    input.ref,
  );
  const lastOf = new Map(talks.map((t) => [t.personId, t]));
  const expected = yearShare(input.ref);
  const out = new Map<string, SourceReading>();
  for (const s of input.subjects) {
    const link = `/talks/coverage?year=${input.ref.slice(0, 4)}`;
    if (!s.members.length) {
      out.set(s.id, notApplicable('没有党员', evidenceOf('没有党员', link, [])));
      continue;
    }
    const talked = s.members.filter((m) => lastOf.has(m.id));
    const coverage = talked.length / s.members.length;
    const ratio = Math.min(1, coverage / expected);
    const text = `党员 ${s.members.length} 人，本年已谈 ${talked.length} 人（${pct(coverage)}），按全年进度应达 ${pct(expected)}`;
    const records = [
      ...s.members
        .filter((m) => !lastOf.has(m.id))
        .map((m) => ({
          id: m.id,
          title: `${m.name}：本年尚未谈话`,
          date: null,
          note: null,
          link: null,
          tone: 'bad' as const,
        })),
      ...talked.map((m) => {
        const t = lastOf.get(m.id)!;
        return {
          id: t.id,
          title: `${m.name}：${t.kindLabel}`,
          date: t.heldOn,
          note: t.late ? '补录' : null,
          link: t.link,
          tone: 'good' as const,
        };
      }),
    ];
    out.set(s.id, {
      applicable: true,
      value: Math.round(coverage * 1000) / 10,
      valueText: text,
      reading: { measure: 'ratio', ratio },
      evidence: evidenceOf(text, link, records),
    });
  }
  return out;
};

const overdueTalks: Computer = async (input) => {
  const list = await overdueTalksForAssessment(
    input.db,
    input.tenantId,
    input.subjects.map((s) => s.orgId),
    input.period.from,
    input.period.to,
    input.today,
  );
  const byOrg = groupBy(list, (t) => t.orgId);
  const out = new Map<string, SourceReading>();
  for (const s of input.subjects) {
    const own = byOrg.get(s.orgId) ?? [];
    const text = own.length ? `逾期的两违谈话 ${own.length} 起` : '没有逾期的两违谈话';
    out.set(s.id, {
      applicable: true,
      value: own.length,
      valueText: text,
      reading: { measure: 'count', amount: own.length },
      evidence: evidenceOf(
        text,
        `/talks?orgId=${s.orgId}`,
        own.map((t) => ({
          id: t.id,
          title: `${t.personName}（${t.occurredOn} 违章违纪）`,
          date: t.dueOn,
          note: t.doneOn ? `应于 ${t.dueOn} 前谈话，${t.doneOn} 才谈` : `应于 ${t.dueOn} 前谈话，至今未谈`,
          link: t.link,
          tone: 'bad' as const,
        })),
      ),
    });
  }
  return out;
};

const memberViolations: Computer = async (input) => {
  const member = input.target === 'member';
  const list = await memberViolationsForAssessment(
    input.db,
    input.tenantId,
    member ? { personIds: input.subjects.map((s) => s.id) } : { orgIds: input.subjects.map((s) => s.orgId) },
    input.period.from,
    input.period.to,
  );
  const bySubject = groupBy(list, (v) => (member ? v.personId : v.orgId));
  const out = new Map<string, SourceReading>();
  for (const s of input.subjects) {
    const own = bySubject.get(s.id) ?? [];
    const link = `/safety/violations?orgId=${s.orgId}&year=${input.period.from.slice(0, 4)}`;
    const records = own.map((v) => ({
      id: v.id,
      title: `${v.personName}：${v.categoryName}（${v.kindLabel}）`,
      date: v.occurredOn,
      note: null,
      link: v.link,
      tone: 'bad' as const,
    }));
    if (member) {
      const text = own.length ? `本人违章违纪 ${own.length} 起` : '没有违章违纪';
      out.set(s.id, {
        applicable: true,
        value: own.length,
        valueText: text,
        reading: { measure: 'count', amount: own.length },
        evidence: evidenceOf(text, link, records),
      });
      continue;
    }
    if (!s.members.length) {
      out.set(s.id, notApplicable('没有党员', evidenceOf('没有党员', link, records)));
      continue;
    }
    const per100 = Math.round(((own.length * 100) / s.members.length) * 10) / 10;
    const text = `党员违章违纪 ${own.length} 起，党员 ${s.members.length} 人，折合每百名党员 ${per100} 起`;
    out.set(s.id, {
      applicable: true,
      value: per100,
      valueText: text,
      reading: { measure: 'count', amount: (own.length * 100) / s.members.length },
      evidence: evidenceOf(text, link, records),
    });
  }
  return out;
};

export const COMPUTERS: Partial<Record<Source, Computer>> = {
  meeting_compliance: meetingCompliance,
  meeting_attendance: meetingAttendance,
  talk_coverage: talkCoverage,
  overdue_talks: overdueTalks,
  member_violations: memberViolations,
  ...workComputers,
};
