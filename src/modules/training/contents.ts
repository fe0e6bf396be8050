import { and, eq, type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { conflict, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { deny, enforce, permitted } from '../../platform/policy';
import { checkScopeOrgs, concernsActor, iso, myBranchPath, num, organizerOrg, scopePathsSql } from './common';
import type {
  ContentDetail,
  ContentItem,
  ContentListQuery,
  CreateContentBody,
  ProgressAnswer,
} from './contract';
import { filesOf } from './files';
import { MEMBER_STATUSES } from './ledger';
import { canOnPublished, seesTraining } from './policy';
import {
  CONTENT_KIND_LABELS,
  type ContentKind,
  creditBeat,
  HEARTBEAT_SECONDS,
  secondsToFinish,
} from './rules';
import { loadTrainingSettings } from './settings';
import {
  completionEntity,
  contentEntity,
  trainingCompletions,
  trainingContents,
  trainingProgress,
} from './tables';

/**
 * 网上学习: content published to a scope. Time counts only while the reading page is visible (the page
 * sends heartbeats then, and the server credits no more than the time that has passed), capped at the
 * item's length; the item can be finished once enough of its length has been spent on it.
 */

export async function createContent(
  ctx: AppContext,
  actor: Actor,
  input: CreateContentBody,
): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const org = await organizerOrg(tx, actor, input.orgId, 'content');
    const errors: Record<string, string> = {};
    if (input.kind === 'article' && !input.body && !input.url) errors.body = '文章请填写正文或给出链接';
    if (input.dueOn && !input.required) errors.dueOn = '只有必学内容设完成期限';
    const today = todayLocal();
    if (input.dueOn && input.dueOn < today) errors.dueOn = '完成期限不能早于今天';
    if (Object.keys(errors).length) throw invalid(errors);
    const audience = await checkScopeOrgs(
      tx,
      actor.tenantId,
      org.path,
      input.audienceOrgIds,
      'audienceOrgIds',
    );
    const id = newId();
    await tx.insert(trainingContents).values({
      id,
      tenantId: actor.tenantId,
      orgId: org.id,
      title: input.title,
      kind: input.kind,
      topic: input.topic,
      body: input.body ?? null,
      url: input.url ?? null,
      minutes: input.minutes,
      hours: input.hours,
      audienceOrgIds: audience.map((o) => o.id),
      required: input.required ?? false,
      dueOn: input.dueOn ?? null,
      publishedOn: today,
      createdBy: actor.accountId,
      createdByName: actor.displayName,
      createdAt: new Date(),
    });
    await audit(tx, actor, {
      action: 'training_content.publish',
      target: { entity: contentEntity, id },
      details: { orgId: org.id, title: input.title, required: input.required ?? false },
    });
    return { id };
  });
}

type ContentRow = {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  title: string;
  kind: ContentKind;
  topic: string;
  body: string | null;
  url: string | null;
  minutes: number;
  hours: string | number;
  audience_org_ids: string[] | string;
  required: boolean;
  due_on: string | null;
  published_on: string;
  scope_paths: string[];
  opened_at: Date | string | null;
  seconds: number | null;
  finished_on: string | null;
};

const selectContent = (_actor: Actor) => sql`c.*, o.name as org_name, o.path as org_path,
  ${scopePathsSql(sql`c.audience_org_ids`)} as scope_paths,
  pr.opened_at, pr.seconds, cm.finished_on`;
const fromContent = (actor: Actor) => sql`training_contents c join orgs o on o.id = c.org_id
  left join training_progress pr on pr.content_id = c.id and pr.person_id = ${actor.personId ?? null}::uuid
  left join training_completions cm on cm.content_id = c.id and cm.person_id = ${actor.personId ?? null}::uuid`;

const resourceOf = (r: ContentRow, branchPath: string | null) => ({
  tenantId: r.tenant_id,
  orgPath: r.org_path,
  audiencePaths: r.scope_paths ?? [],
  myBranchPath: branchPath,
});

function present(
  actor: Actor,
  r: ContentRow,
  branchPath: string | null,
  stats: ContentItem['stats'],
): ContentItem {
  const res = resourceOf(r, branchPath);
  const actions = permitted((a: 'study' | 'results') => canOnPublished(actor, a, res, '学习内容'), [
    'study',
    'results',
  ] as const);
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    kind: r.kind,
    kindLabel: CONTENT_KIND_LABELS[r.kind],
    topic: r.topic,
    minutes: r.minutes,
    hours: num(r.hours),
    required: r.required,
    dueOn: r.due_on,
    publishedOn: r.published_on,
    my: actions.includes('study')
      ? {
          openedAt: r.opened_at ? iso(r.opened_at) : null,
          seconds: r.seconds ?? 0,
          finishedOn: r.finished_on,
        }
      : null,
    stats: actions.includes('results') ? stats : null,
    actions: [...actions, ...(canManage(actor, r) ? (['upload'] as const) : [])],
  };
}

const canManage = (actor: Actor, r: ContentRow) =>
  actor.adminRole === null &&
  actor.roles.some((g) => g.role !== 'member' && r.org_path.startsWith(g.orgPath));

/** Per item: the current party members its audience covers, and how many of them finished it. */
async function audienceStats(
  db: Executor,
  ids: string[],
): Promise<Map<string, { audience: number; finished: number }>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{ id: string; audience: number; finished: number }>(
    db,
    sql`select c.id,
          (select count(*)::int from people p join orgs po on po.id = p.org_id
            where p.tenant_id = c.tenant_id and p.ended_on is null and p.party_status in ${MEMBER_STATUSES}
              and exists (select 1 from jsonb_array_elements_text(c.audience_org_ids) ax join orgs ao on ao.id = ax::uuid
                          where po.path like ao.path || '%')) as audience,
          (select count(*)::int from training_completions cm where cm.content_id = c.id) as finished
        from training_contents c where c.id in (${uuidList(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, { audience: r.audience, finished: r.finished }]));
}

export async function listContents(ctx: AppContext, actor: Actor, q: ContentListQuery) {
  enforce(seesTraining(actor));
  const branchPath = await myBranchPath(ctx.db, actor);
  const parts: SQL[] = [
    sql`c.tenant_id = ${actor.tenantId} and c.withdrawn_at is null`,
    concernsActor(actor, sql`c.org_id`, sql`c.audience_org_ids`, branchPath),
  ];
  if (q.orgId) {
    const org = await authorizeOrg(ctx.db, actor, q.orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  if (q.kind) parts.push(sql`c.kind = ${q.kind}`);
  if (q.required) parts.push(q.required === 'true' ? sql`c.required` : sql`not c.required`);
  if (q.status === 'done') parts.push(sql`cm.id is not null`);
  if (q.status === 'todo') parts.push(sql`cm.id is null`);
  const where = sql.join(parts, sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${fromContent(actor)} where ${where}`,
  );
  const rows = await queryRows<ContentRow>(
    ctx.db,
    sql`select ${selectContent(actor)} from ${fromContent(actor)} where ${where}
        order by (c.required and cm.id is null) desc, c.published_on desc, c.id desc
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const stats = await audienceStats(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => present(actor, r, branchPath, stats.get(r.id) ?? null)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function loadContent(
  db: Executor,
  actor: Actor,
  id: string,
  action: 'read' | 'study' | 'results' | 'manage' = 'read',
) {
  const [row] = await queryRows<ContentRow>(
    db,
    sql`select ${selectContent(actor)} from ${fromContent(actor)} where c.id = ${id} and c.tenant_id = ${actor.tenantId}`,
  );
  if (!row) throw notFound('学习内容');
  const branchPath = await myBranchPath(db, actor);
  enforce(
    canOnPublished(actor, action === 'manage' ? 'read' : action, resourceOf(row, branchPath), '学习内容'),
  );
  if (action === 'manage' && !canManage(actor, row)) enforce(deny('只有发布组织的管理者可以上传资料'));
  return { row, branchPath };
}

export async function getContent(ctx: AppContext, actor: Actor, id: string): Promise<ContentDetail> {
  const { row, branchPath } = await loadContent(ctx.db, actor, id);
  const settings = await loadTrainingSettings(ctx.db, actor.tenantId);
  const audience =
    typeof row.audience_org_ids === 'string'
      ? (JSON.parse(row.audience_org_ids) as string[])
      : row.audience_org_ids;
  const [stats, files, orgs] = await Promise.all([
    audienceStats(ctx.db, [id]),
    filesOf(ctx.db, id),
    queryRows<{ id: string; name: string }>(
      ctx.db,
      sql`select id, name from orgs where id in (${uuidList(audience)})`,
    ),
  ]);
  return {
    ...present(actor, row, branchPath, stats.get(id) ?? null),
    body: row.body,
    url: row.url,
    files,
    audienceOrgs: audience.map((a) => ({ id: a, name: orgs.find((o) => o.id === a)?.name ?? '' })),
    finishSeconds: secondsToFinish(row.minutes, settings.finishRatio),
    heartbeatSeconds: HEARTBEAT_SECONDS,
  };
}

async function progressAnswer(
  db: Executor,
  actor: Actor,
  row: ContentRow,
  ratio: number,
): Promise<ProgressAnswer> {
  const [pr] = await db
    .select()
    .from(trainingProgress)
    .where(and(eq(trainingProgress.contentId, row.id), eq(trainingProgress.personId, actor.personId!)));
  const [done] = await db
    .select()
    .from(trainingCompletions)
    .where(and(eq(trainingCompletions.contentId, row.id), eq(trainingCompletions.personId, actor.personId!)));
  const finishSeconds = secondsToFinish(row.minutes, ratio);
  const seconds = pr?.seconds ?? 0;
  return {
    seconds,
    capSeconds: row.minutes * 60,
    finishSeconds,
    finishedOn: done?.finishedOn ?? null,
    canFinish: !done && seconds >= finishSeconds,
  };
}

/**
 * A heartbeat from the visible reading page: opens the item on the first one, then adds the seconds the
 * page reports, never more than have passed since the last beat and never past the item's length.
 */
export async function heartbeat(
  ctx: AppContext,
  actor: Actor,
  id: string,
  reported: number,
): Promise<ProgressAnswer> {
  return ctx.db.transaction(async (tx) => {
    const { row } = await loadContent(tx, actor, id, 'study');
    const settings = await loadTrainingSettings(tx, actor.tenantId);
    const now = new Date();
    const [pr] = await queryRows<{
      id: string;
      seconds: number;
      last_beat_at: Date | string | null;
      opened_at: Date | string;
    }>(
      tx,
      sql`select id, seconds, last_beat_at, opened_at from training_progress
          where content_id = ${id} and person_id = ${actor.personId} for update`,
    );
    if (!pr) {
      await tx.insert(trainingProgress).values({
        id: newId(),
        tenantId: actor.tenantId,
        contentId: id,
        personId: actor.personId!,
        openedAt: now,
        seconds: 0,
        lastBeatAt: now,
      });
    } else {
      const seconds = creditBeat({
        seconds: pr.seconds,
        lastBeatAt: pr.last_beat_at ? new Date(pr.last_beat_at) : null,
        openedAt: new Date(pr.opened_at),
        now,
        reported,
        capSeconds: row.minutes * 60,
      });
      await tx
        .update(trainingProgress)
        .set({ seconds, lastBeatAt: now })
        .where(eq(trainingProgress.id, pr.id));
    }
    return progressAnswer(tx, actor, row, settings.finishRatio);
  });
}

/** Finishing credits the item's hours on today's date, once, when enough visible time has been spent. */
export async function finishContent(ctx: AppContext, actor: Actor, id: string): Promise<ProgressAnswer> {
  return ctx.db.transaction(async (tx) => {
    const { row } = await loadContent(tx, actor, id, 'study');
    const settings = await loadTrainingSettings(tx, actor.tenantId);
    const [pr] = await queryRows<{ seconds: number }>(
      tx,
      sql`select seconds from training_progress where content_id = ${id} and person_id = ${actor.personId} for update`,
    );
    if (row.finished_on) throw conflict(`已于 ${row.finished_on} 完成学习`);
    const need = secondsToFinish(row.minutes, settings.finishRatio);
    const seconds = pr?.seconds ?? 0;
    if (seconds < need)
      throw conflict(
        `还需在学习页面停留约 ${Math.ceil((need - seconds) / 60)} 分钟才能完成（已学 ${Math.floor(seconds / 60)} 分钟）`,
      );
    const completionId = newId();
    const now = new Date();
    await tx.insert(trainingCompletions).values({
      id: completionId,
      tenantId: actor.tenantId,
      contentId: id,
      personId: actor.personId!,
      finishedOn: todayLocal(now),
      finishedAt: now,
      seconds,
      hours: num(row.hours),
    });
    await audit(tx, actor, {
      action: 'training_content.finish',
      target: { entity: completionEntity, id: completionId },
      details: { contentId: id, hours: num(row.hours), seconds },
    });
    return progressAnswer(tx, actor, row, settings.finishRatio);
  });
}
