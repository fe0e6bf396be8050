import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, managedPaths, manages, orgInPaths, seesMemberData } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { allowed, enforce, permitted } from '../../platform/policy';
import { isoOrNull } from './common';
import type { NoticeDetail, NoticeInput, NoticeList, NoticeListQuery } from './contract';
import {
  canIssueNoticeFrom,
  canOnNotice,
  canOnViolation,
  receiverBranches,
  viewsManagerLists,
} from './policy';
import { VIOLATION_KIND_LABELS, type ViolationKind } from './rules';
import { loadSafetySettings } from './settings';
import { noticeEntity, noticeReceiptEntity, noticeReceipts, notices, noticeViolations } from './tables';

/** Issues a notice to every active branch of the issuer's subtree, each with an unread receipt. */
export async function createNotice(ctx: AppContext, actor: Actor, input: NoticeInput, today = todayLocal()) {
  return ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, input.orgId, 'read');
    enforce(canIssueNoticeFrom(actor, org));
    const issuedOn = input.issuedOn ?? today;
    if (issuedOn > today) throw invalid({ issuedOn: '通报日期不能晚于今天' });
    const ids = [...new Set(input.violationIds)];
    if (ids.length) {
      const found = await queryRows<{ id: string }>(
        tx,
        sql`select v.id from violations v join orgs o on o.id = v.org_id
            where v.id in (${uuidList(ids)}) and v.tenant_id = ${actor.tenantId} and o.path like ${`${org.path}%`}`,
      );
      if (found.length !== ids.length)
        throw invalid({ violationIds: '所选违章违纪记录须属于发布组织的下属支部' });
    }
    const branches = await queryRows<{ id: string }>(
      tx,
      sql`select id from orgs where tenant_id = ${actor.tenantId} and type = 'branch' and dissolved_on is null
          and path like ${`${org.path}%`}`,
    );
    const id = newId();
    await tx.insert(notices).values({
      id,
      tenantId: actor.tenantId,
      orgId: org.id,
      title: input.title,
      body: input.body,
      issuedOn,
      issuedBy: actor.accountId,
      issuedByName: actor.displayName,
      createdAt: new Date(),
    });
    if (ids.length)
      await tx.insert(noticeViolations).values(ids.map((violationId) => ({ noticeId: id, violationId })));
    const receipts = branches.map((b) => ({
      id: newId(),
      tenantId: actor.tenantId,
      noticeId: id,
      orgId: b.id,
    }));
    for (let i = 0; i < receipts.length; i += 500)
      await tx.insert(noticeReceipts).values(receipts.slice(i, i + 500));
    await audit(tx, actor, [
      {
        action: 'notice.create',
        target: { entity: noticeEntity, id },
        details: { orgId: org.id, violations: ids.length, branches: receipts.length },
      },
      ...receipts.map((r) => ({
        action: 'notice.receipt',
        target: { entity: noticeReceiptEntity, id: r.id },
      })),
    ]);
    return { id };
  });
}

/** Notices the caller issued (in a subtree they manage) or received (a branch they manage). */
export async function listNotices(ctx: AppContext, actor: Actor, q: NoticeListQuery): Promise<NoticeList> {
  enforce(viewsManagerLists(actor));
  const paths = managedPaths(actor);
  const parts: SQL[] = [
    sql`n.tenant_id = ${actor.tenantId}`,
    seesMemberData(actor)
      ? sql`(${orgInPaths(sql`n.org_id`, paths)} or exists (select 1 from safety_notice_receipts r
              where r.notice_id = n.id and ${orgInPaths(sql`r.org_id`, paths)}))`
      : sql`false`,
  ];
  if (q.orgId) {
    const org = await authorizeOrg(ctx.db, actor, q.orgId, 'read');
    parts.push(sql`(n.org_id = ${org.id} or exists (select 1 from safety_notice_receipts r join orgs ro on ro.id = r.org_id
      where r.notice_id = n.id and ro.path like ${`${org.path}%`}))`);
  }
  const where = sql.join(parts, sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from safety_notices n where ${where}`,
  );
  const rows = await queryRows<{
    id: string;
    title: string;
    issued_on: string;
    org_id: string;
    org_name: string;
    issued_by_name: string;
    violations: number;
    receipts: number;
    read: number;
    my_unread: number;
  }>(
    ctx.db,
    sql`select n.id, n.title, n.issued_on, n.org_id, o.name as org_name, n.issued_by_name,
          (select count(*)::int from safety_notice_violations nv where nv.notice_id = n.id) as violations,
          (select count(*)::int from safety_notice_receipts r where r.notice_id = n.id and ${orgInPaths(sql`r.org_id`, paths)}) as receipts,
          (select count(*)::int from safety_notice_receipts r where r.notice_id = n.id and r.read_at is not null
             and ${orgInPaths(sql`r.org_id`, paths)}) as read,
          (select count(*)::int from safety_notice_receipts r join orgs ro on ro.id = r.org_id where r.notice_id = n.id
             and r.read_at is null and ro.path in (${sql.join(
               [...receiverBranches(actor).map((p) => sql`${p}`), sql`''`],
               sql`, `,
             )})) as my_unread
        from safety_notices n join orgs o on o.id = n.org_id where ${where}
        order by n.issued_on desc, n.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      issuedOn: r.issued_on,
      orgId: r.org_id,
      orgName: r.org_name,
      issuedByName: r.issued_by_name,
      violationCount: r.violations,
      receipts: { read: r.read, total: r.receipts },
      unreadByMe: r.my_unread > 0,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    issuers: await issuers(ctx.db, actor),
  };
}

/** The organizations of the caller's roles that a notice may be issued from. */
async function issuers(db: Executor, actor: Actor) {
  const ids = [...new Set(actor.roles.map((r) => r.orgId))];
  if (!ids.length) return [];
  const orgs = await queryRows<{ id: string; name: string; path: string; type: string; tenant_id: string }>(
    db,
    sql`select id, name, path, type, tenant_id from orgs where id in (${uuidList(ids)}) order by path`,
  );
  return orgs
    .filter((o) => allowed(canIssueNoticeFrom(actor, { tenantId: o.tenant_id, path: o.path, type: o.type })))
    .map((o) => ({ orgId: o.id, orgName: o.name }));
}

async function loadNotice(ctx: AppContext, actor: Actor, id: string) {
  const [n] = await queryRows<{
    id: string;
    tenant_id: string;
    org_id: string;
    org_name: string;
    org_path: string;
    title: string;
    body: string;
    issued_on: string;
    issued_by_name: string;
    created_at: Date | string;
  }>(
    ctx.db,
    sql`select n.*, o.name as org_name, o.path as org_path from safety_notices n join orgs o on o.id = n.org_id
        where n.id = ${id} and n.tenant_id = ${actor.tenantId}`,
  );
  if (!n) throw notFound('通报');
  const receipts = await queryRows<{
    id: string;
    org_id: string;
    org_name: string;
    org_path: string;
    read_at: Date | string | null;
    read_by_name: string | null;
  }>(
    ctx.db,
    sql`select r.id, r.org_id, o.name as org_name, o.path as org_path, r.read_at, r.read_by_name
        from safety_notice_receipts r join orgs o on o.id = r.org_id where r.notice_id = ${id}
        order by o.path`,
  );
  const resource = {
    tenantId: n.tenant_id,
    orgPath: n.org_path,
    receiptOrgPaths: receipts.map((r) => r.org_path),
  };
  enforce(canOnNotice(actor, 'read', resource));
  return { n, receipts, resource };
}

export async function getNotice(ctx: AppContext, actor: Actor, id: string): Promise<NoticeDetail> {
  const { n, receipts, resource } = await loadNotice(ctx, actor, id);
  const settings = await loadSafetySettings(ctx.db, actor.tenantId);
  const cat = new Map(settings.categories.map((c) => [c.code, c.name]));
  const vs = await queryRows<{
    id: string;
    person_name: string;
    org_name: string;
    kind: ViolationKind;
    occurred_on: string;
    category: string;
    was_member: boolean;
    description: string;
    tenant_id: string;
    org_path: string;
    person_id: string;
  }>(
    ctx.db,
    sql`select v.id, p.name as person_name, o.name as org_name, v.kind, v.occurred_on, v.category, v.was_member, v.description,
               v.tenant_id, o.path as org_path, v.person_id
        from safety_notice_violations nv join violations v on v.id = nv.violation_id
        join people p on p.id = v.person_id join orgs o on o.id = v.org_id
        where nv.notice_id = ${id} order by v.was_member desc, v.occurred_on`,
  );
  const unread = receipts.filter((r) => r.read_at === null).map((r) => r.org_path);
  const visibleReceipts = manages(actor, n.org_path)
    ? receipts
    : receipts.filter((r) => managedPaths(actor).some((p) => r.org_path.startsWith(p)));
  return {
    id: n.id,
    orgId: n.org_id,
    orgName: n.org_name,
    title: n.title,
    body: n.body,
    issuedOn: n.issued_on,
    issuedByName: n.issued_by_name,
    // The notice tells every receiver what happened; the record's id only to whoever may open it.
    violations: vs.map((v) => ({
      id: allowed(
        canOnViolation(actor, 'read', { tenantId: v.tenant_id, orgPath: v.org_path, personId: v.person_id }),
      )
        ? v.id
        : null,
      personName: v.person_name,
      orgName: v.org_name,
      kind: v.kind,
      kindLabel: VIOLATION_KIND_LABELS[v.kind],
      occurredOn: v.occurred_on,
      categoryName: cat.get(v.category) ?? v.category,
      wasMember: v.was_member,
      description: v.description,
    })),
    receipts: visibleReceipts.map((r) => ({
      orgId: r.org_id,
      orgName: r.org_name,
      readAt: isoOrNull(r.read_at),
      readByName: r.read_by_name,
    })),
    actions: permitted((a) => canOnNotice(actor, a, { ...resource, receiptOrgPaths: unread }), [
      'mark_read',
    ] as const),
  };
}

/** The secretary confirms their branch has read the notice; a second confirmation changes nothing. */
export async function markRead(ctx: AppContext, actor: Actor, id: string) {
  const { resource } = await loadNotice(ctx, actor, id);
  enforce(canOnNotice(actor, 'mark_read', resource));
  const own = receiverBranches(actor);
  await ctx.db.transaction(async (tx) => {
    const updated = await queryRows<{ id: string }>(
      tx,
      sql`update safety_notice_receipts r set read_at = now(), read_by = ${actor.accountId}, read_by_name = ${actor.displayName}
          from orgs o where o.id = r.org_id and r.notice_id = ${id} and r.read_at is null
            and o.path in (${sql.join(
              own.map((p) => sql`${p}`),
              sql`, `,
            )}) returning r.id`,
    );
    await audit(
      tx,
      actor,
      updated.map((u) => ({
        action: 'notice.read',
        target: { entity: noticeReceiptEntity, id: u.id },
        details: { noticeId: id },
      })),
    );
  });
}
