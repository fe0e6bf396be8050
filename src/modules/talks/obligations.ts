import type { Actor } from '../../platform/access';
import { managedPaths } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import type { TodoItem } from '../../platform/manifest';
import { allowed, enforce, permitted } from '../../platform/policy';
import { findObligations, OBLIGATION_STATUS_LABELS, obligationStatus, owedTalkCounts } from '../safety/api';
import { underOrgPath } from './common';
import type { Obligation, ObligationList, ObligationQuery } from './contract';
import { canOnTalk, viewsTalks } from './policy';

/**
 * The talks owed after violations, as the secretary works them: the obligations are safety's (opened with
 * each violation); talks lists them here and closes them when the talk is recorded (talks.ts).
 */
export async function listObligations(
  ctx: AppContext,
  actor: Actor,
  q: ObligationQuery,
  today = todayLocal(),
): Promise<ObligationList> {
  enforce(viewsTalks(actor));
  const { total, rows } = await findObligations(ctx.db, {
    tenantId: actor.tenantId,
    paths: managedPaths(actor),
    under: await underOrgPath(ctx.db, actor, q.orgId),
    personId: q.personId,
    status: q.status,
    today,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    items: rows.map((r): Obligation => {
      const status = obligationStatus(r.dueOn, r.doneOn, today);
      const d = r.violation.description;
      return {
        id: r.id,
        personId: r.personId,
        personName: r.personName,
        orgId: r.orgId,
        orgName: r.orgName,
        violationId: r.violationId,
        violation: { ...r.violation, description: d.length > 60 ? `${d.slice(0, 60)}…` : d },
        dueOn: r.dueOn,
        status,
        statusLabel: OBLIGATION_STATUS_LABELS[status],
        talkId: r.talkId,
        doneOn: r.doneOn,
        actions:
          status === 'done'
            ? []
            : permitted(() => canOnTalk(actor, 'record', { tenantId: actor.tenantId, orgPath: r.orgPath }), [
                'record_talk',
              ] as const),
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The talks module's line of the caller's to-do: talks owed after violations, with how many are overdue. */
export async function talksTodo(ctx: AppContext, actor: Actor): Promise<TodoItem[]> {
  if (!allowed(viewsTalks(actor))) return [];
  const counts = await owedTalkCounts(ctx.db, actor.tenantId, managedPaths(actor), todayLocal());
  return [
    {
      key: 'talks',
      label: '违章违纪后待谈话',
      count: counts.total,
      overdue: counts.overdue,
      link: '/talks',
      order: 50,
    },
  ];
}
