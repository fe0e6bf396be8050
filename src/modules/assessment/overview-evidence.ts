import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, manages } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { enforce, hide, when } from '../../platform/policy';
import { openRectificationCounts, overdueRectificationList } from '../inspection/api';
import { orgLifeForAssessment } from '../meetings/api';
import { memberViolationsForAssessment, overdueTalksForAssessment } from '../safety/api';
import { overdueTaskList, tasksInFlightCounts } from '../tasks/api';
import type { OverviewEvidence, OverviewEvidenceQuery } from './contract';
import { ASSESSOR_ROLES, viewsOverview } from './policy';
import { periodLabel, unitOf } from './rules';
import { sourceAvailable } from './sources';

/**
 * The records behind one figure of the overview, for one branch: each record links to its page in its
 * own module, and the module's own list is one more click away.
 */

type Records = OverviewEvidence['records'];
const SINCE = '2000-01-01';

type Base = Pick<OverviewEvidence, 'org' | 'kind' | 'period'>;

/** Everything the per-figure builders need, resolved once after authorization. */
interface Scope {
  db: AppContext['db'];
  tenantId: string;
  org: { id: string; path: string };
  base: Base;
  year: number;
  quarter: number;
  period: ReturnType<typeof unitOf>;
  today: string;
}

export async function overviewEvidence(
  ctx: AppContext,
  actor: Actor,
  q: OverviewEvidenceQuery,
  today = todayLocal(),
): Promise<OverviewEvidence> {
  enforce(viewsOverview(actor));
  const org = await authorizeOrg(ctx.db, actor, q.orgId, 'read');
  if (org.type !== 'branch') enforce(hide('党支部'));
  enforce(when(manages(actor, org.path, ASSESSOR_ROLES), hide('党支部')));
  const year = q.year ?? Number(today.slice(0, 4));
  const quarter = q.quarter ?? (q.year ? 4 : Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1);
  const period = unitOf('quarter', `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`);
  const base = {
    org: { id: org.id, name: org.name },
    kind: q.kind,
    period: { ...period, label: periodLabel(period) },
  };
  const s: Scope = { db: ctx.db, tenantId: actor.tenantId, org, base, year, quarter, period, today };
  if (q.kind === 'tasks') return tasksEvidence(s);
  if (q.kind === 'rectifications') return rectificationsEvidence(s);
  if (q.kind === 'org_life') return orgLifeEvidence(s);
  return safetyEvidence(s);
}

async function tasksEvidence({ db, tenantId, org, base, today }: Scope): Promise<OverviewEvidence> {
  const paths = [org.path];
  if (!sourceAvailable('overdue_tasks'))
    return {
      ...base,
      title: '督办在办',
      available: false,
      summary: '数据来源未启用：督办模块尚未启用',
      moduleLink: null,
      records: [],
    };
  const [c] = await tasksInFlightCounts(db, tenantId, { orgPaths: paths, today });
  const list = await overdueTaskList(db, tenantId, {
    orgPaths: paths,
    from: SINCE,
    to: today,
    asOf: today,
  });
  const records: Records = list
    .filter((t) => t.status === 'overdue' || t.status === 'pending' || t.status === 'returned')
    .map((t) => ({
      id: `${t.taskId}:${t.orgId}`,
      title: `${t.title}（${t.senderName}）`,
      date: t.dueOn,
      note: `截止 ${t.dueOn}，${t.statusLabel}`,
      link: t.link,
      tone: 'bad',
    }));
  return {
    ...base,
    title: '督办在办',
    available: true,
    summary: `待回复 ${c?.owed ?? 0} 项（其中逾期 ${c?.overdue ?? 0} 项），待审核 ${c?.awaitingReview ?? 0} 项；下列为已过截止日期仍未回复的任务`,
    moduleLink: `/tasks/board?orgId=${org.id}`,
    records,
  };
}

async function rectificationsEvidence({ db, tenantId, org, base, today }: Scope): Promise<OverviewEvidence> {
  const paths = [org.path];
  if (!sourceAvailable('overdue_rectifications'))
    return {
      ...base,
      title: '整改事项',
      available: false,
      summary: '数据来源未启用：网上检查模块尚未启用',
      moduleLink: null,
      records: [],
    };
  const [c] = await openRectificationCounts(db, tenantId, { orgPaths: paths, today });
  const list = await overdueRectificationList(db, tenantId, {
    orgPaths: paths,
    from: SINCE,
    to: today,
    asOf: today,
  });
  return {
    ...base,
    title: '整改事项',
    available: true,
    summary: `待整改 ${c?.open ?? 0} 项（其中逾期 ${c?.overdue ?? 0} 项），待验收 ${c?.awaitingAcceptance ?? 0} 项；下列为已过整改期限仍未答复的事项`,
    moduleLink: `/rectifications?orgId=${org.id}`,
    records: list
      .filter((r) => r.status === 'overdue' || r.status === 'open')
      .map((r) => ({
        id: r.id,
        title: `${r.inspectionTitle}：${r.item}`,
        date: r.dueOn,
        note: `整改期限 ${r.dueOn}，${r.statusLabel}`,
        link: r.link,
        tone: 'bad',
      })),
  };
}

async function orgLifeEvidence({
  db,
  tenantId,
  org,
  base,
  year,
  quarter,
  period,
  today,
}: Scope): Promise<OverviewEvidence> {
  const [l] = await orgLifeForAssessment(db, tenantId, [org.id], period, today);
  const link = `/meetings/compliance?orgId=${org.id}&year=${year}&quarter=${quarter}`;
  const missed: Records = (l?.units ?? [])
    .filter((u) => u.due && !u.held)
    .map((u) => ({
      id: `${u.kind}:${u.holderId}:${u.from}`,
      title: `${u.holderId === org.id ? '' : `${u.holderName} `}${u.kindLabel}（${periodLabel(u)}）未召开`,
      date: u.to,
      note: '应开未开',
      link,
      tone: 'bad',
    }));
  const held: Records = (l?.meetings ?? []).map((m) => ({
    id: m.id,
    title: `${m.kindLabel}：${m.topic}`,
    date: m.heldOn,
    note: `${m.late ? '补录；' : ''}实到 ${m.present}/${m.expected}`,
    link: m.link,
    tone: 'good',
  }));
  return {
    ...base,
    title: '组织生活',
    available: true,
    summary: l?.due
      ? `本季度已到期应开 ${l.due} 次，已开 ${l.held} 次，未开 ${l.missing} 次${l.late ? `，补录 ${l.late} 次` : ''}`
      : '本季度尚无到期应开的组织生活',
    moduleLink: link,
    records: [...missed, ...held.reverse()],
  };
}

async function safetyEvidence({ db, tenantId, org, base, year, today }: Scope): Promise<OverviewEvidence> {
  const violations = await memberViolationsForAssessment(
    db,
    tenantId,
    { orgIds: [org.id] },
    `${year}-01-01`,
    `${year}-12-31`,
  );
  const talks = (await overdueTalksForAssessment(db, tenantId, [org.id], SINCE, today, today)).filter(
    (t) => !t.doneOn,
  );
  return {
    ...base,
    title: '安全情况',
    available: true,
    summary: `${year}年党员违章违纪 ${violations.length} 起；逾期未谈的两违谈话 ${talks.length} 起`,
    moduleLink: `/safety/violations?orgId=${org.id}&year=${year}`,
    records: [
      ...talks.map((t) => ({
        id: t.id,
        title: `${t.personName}：两违谈话逾期未谈`,
        date: t.dueOn,
        note: `应于 ${t.dueOn} 前谈话`,
        link: t.link,
        tone: 'bad' as const,
      })),
      ...violations.reverse().map((v) => ({
        id: v.id,
        title: `${v.personName}：${v.categoryName}（${v.kindLabel}）`,
        date: v.occurredOn,
        note: null,
        link: v.link,
        tone: 'bad' as const,
      })),
    ],
  };
}
