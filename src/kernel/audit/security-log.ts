import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { dayjs, ZONE } from '../../platform/dates';
import { pageOffset } from '../../platform/http';
import { newId } from '../../platform/ids';
import { enforce } from '../../platform/policy';
import type { SecurityLog, SecurityLogQuery } from './contract';
import { decideReadSecurityLog } from './policy';
import { securityEvents } from './tables';

/**
 * The security log: requests of signed-in callers that were refused (403, 404 out of scope, CSRF),
 * recorded by one hook of the server (src/server/app.ts) for every route. A caller at one address gets at
 * most `PER_MINUTE` rows a minute; the refusals past that are counted and written as one summary row
 * (`code = 'suppressed'`) when the minute is over, so a flood of refusals can't flood the log.
 */
export const PER_MINUTE = 10;

/** Refusals that are the session's own business (a password change or enrolment due), not probes. */
const NOT_RECORDED = new Set(['password_change_required', 'mfa_setup_required']);

interface Refusal {
  actor: Actor;
  method: string;
  route: string;
  path: string;
  status: number;
  code: string;
}

interface Bucket {
  minute: number;
  count: number;
  last: Refusal;
}

const buckets = new Map<string, Bucket>();

const row = (r: Refusal, at: Date, extra: Partial<typeof securityEvents.$inferInsert> = {}) => ({
  id: newId(),
  tenantId: r.actor.tenantId,
  at,
  accountId: r.actor.accountId,
  actorName: r.actor.displayName,
  ip: r.actor.ip,
  method: r.method,
  route: r.route.slice(0, 300),
  path: r.path.slice(0, 300),
  status: r.status,
  code: r.code.slice(0, 64),
  ...extra,
});

const summary = (b: Bucket) =>
  row(
    { ...b.last, method: '*', route: '*', path: '*', code: 'suppressed' },
    new Date((b.minute + 1) * 60_000 - 1),
    {
      suppressed: b.count - PER_MINUTE,
    },
  );

/** The summaries of minutes that are over. */
function finishedSummaries(minute: number) {
  const out: ReturnType<typeof row>[] = [];
  for (const [key, b] of buckets) {
    if (b.minute >= minute) continue;
    if (b.count > PER_MINUTE) out.push(summary(b));
    buckets.delete(key);
  }
  return out;
}

export async function recordRefusal(ctx: AppContext, r: Refusal): Promise<void> {
  if (NOT_RECORDED.has(r.code)) return;
  const now = new Date();
  const minute = Math.floor(now.getTime() / 60_000);
  const rows = finishedSummaries(minute);
  const key = `${r.actor.tenantId}|${r.actor.accountId}|${r.actor.ip}`;
  const bucket = buckets.get(key) ?? { minute, count: 0, last: r };
  bucket.count += 1;
  bucket.last = r;
  buckets.set(key, bucket);
  if (bucket.count <= PER_MINUTE) rows.push(row(r, now));
  if (rows.length) await ctx.db.insert(securityEvents).values(rows);
}

/** Writes what is still counted (the server is closing). */
export async function flushSecurityLog(ctx: AppContext): Promise<void> {
  const rows = finishedSummaries(Number.POSITIVE_INFINITY);
  if (rows.length) await ctx.db.insert(securityEvents).values(rows);
}

export async function listSecurityEvents(
  ctx: AppContext,
  actor: Actor,
  q: SecurityLogQuery,
): Promise<SecurityLog> {
  enforce(decideReadSecurityLog(actor));
  const parts: SQL[] = [eq(securityEvents.tenantId, actor.tenantId)];
  if (q.accountId) parts.push(eq(securityEvents.accountId, q.accountId));
  if (q.code) parts.push(eq(securityEvents.code, q.code));
  if (q.from) parts.push(gte(securityEvents.at, dayjs.tz(q.from, ZONE).toDate()));
  if (q.to) parts.push(lt(securityEvents.at, dayjs.tz(q.to, ZONE).add(1, 'day').toDate()));
  const where = and(...parts);
  const [{ total }] = await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(securityEvents)
    .where(where);
  const rows = await ctx.db
    .select()
    .from(securityEvents)
    .where(where)
    .orderBy(desc(securityEvents.at), desc(securityEvents.id))
    .limit(q.pageSize)
    .offset(pageOffset(q));
  return {
    total: Number(total),
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      accountId: r.accountId,
      actorName: r.actorName,
      ip: r.ip,
      method: r.method,
      route: r.route,
      path: r.path,
      status: r.status,
      code: r.code,
      suppressed: r.suppressed,
    })),
  };
}
