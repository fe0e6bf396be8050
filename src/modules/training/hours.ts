import { managedRoot } from '../../kernel/orgs/api';
import { loadPersonBrief, PARTY_STATUS_LABELS, type PartyStatus } from '../../kernel/people/api';
import { type Actor, managedPaths } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { addLedgerSheet, MAX_EXPORT_ROWS, newWorkbook, workbookBuffer } from '../../platform/excel';
import { enforce } from '../../platform/policy';
import type { HoursItem, HoursList, HoursQuery, PersonHours } from './contract';
import { computeLedger, type LedgerPerson, type LedgerWho, ledgerEntries } from './ledger';
import { canReadLedgerOf, seesTraining } from './policy';
import {
  LEDGER_STATUS_LABELS,
  type LedgerStatus,
  ledgerJudge,
  ledgerVerdict,
  monthsLeft,
  round1,
  SOURCE_KINDS,
  SOURCE_LABELS,
} from './rules';
import { loadTrainingSettings } from './settings';

export interface LedgerScope {
  who: LedgerWho;
  scope: { id: string; name: string; path: string } | null;
}

/**
 * Whose ledger the caller reads: an organization they manage (404/403 otherwise), by default every
 * subtree they manage and themselves; a member without a managing role, themselves.
 */
export async function ledgerScope(ctx: AppContext, actor: Actor, orgId?: string): Promise<LedgerScope> {
  enforce(seesTraining(actor));
  const self = actor.personId ? [actor.personId] : [];
  if (orgId) {
    const root = await managedRoot(ctx.db, actor, orgId);
    return { who: { paths: [root.path] }, scope: { id: root.id, name: root.name, path: root.path } };
  }
  if (managedPaths(actor).length) {
    const root = await managedRoot(ctx.db, actor);
    return {
      who: { paths: managedPaths(actor), personIds: self },
      scope: { id: root.id, name: root.name, path: root.path },
    };
  }
  return { who: { personIds: self }, scope: null };
}

export interface JudgedPerson extends LedgerPerson {
  status: LedgerStatus;
  needed: number;
}

/** The ledger of a scope with each member's standing against the target. */
export async function judgedLedger(ctx: AppContext, actor: Actor, scope: LedgerScope, year: number) {
  const settings = await loadTrainingSettings(ctx.db, actor.tenantId);
  const today = todayLocal();
  const people = await computeLedger(ctx.db, actor.tenantId, year, scope.who, settings);
  const judge = ledgerJudge(settings.targetHours, year, today);
  // Written out, not spread: a section of 160,000 members is judged in 20 ms instead of 500.
  const judged: JudgedPerson[] = people.map((p) => {
    const v = judge(p);
    return {
      personId: p.personId,
      name: p.name,
      orgId: p.orgId,
      orgName: p.orgName,
      orgPath: p.orgPath,
      exempt: p.exempt,
      partyStatus: p.partyStatus,
      hours: p.hours,
      sources: p.sources,
      importCapped: p.importCapped,
      status: v.status,
      needed: v.needed,
    };
  });
  return { settings, today, judged };
}

const presentItem = (p: JudgedPerson, target: number): HoursItem => ({
  personId: p.personId,
  name: p.name,
  orgId: p.orgId,
  orgName: p.orgName,
  hours: p.hours,
  target,
  exempt: p.exempt,
  status: p.status,
  statusLabel: LEDGER_STATUS_LABELS[p.status],
  needed: p.needed,
  sources: SOURCE_KINDS.map((kind) => ({ kind, hours: p.sources[kind] })),
});

function filterJudged(judged: JudgedPerson[], q: Pick<HoursQuery, 'status' | 'notDone' | 'q'>) {
  return judged.filter(
    (p) =>
      (!q.status || p.status === q.status) &&
      (q.notDone !== 'true' || (p.status !== 'done' && p.status !== 'exempt')) &&
      (!q.q || p.name.includes(q.q)),
  );
}

/** `GET /training/hours`: the members in scope with their hours, each source apart, against the target. */
export async function listHours(ctx: AppContext, actor: Actor, q: HoursQuery): Promise<HoursList> {
  const year = q.year ?? Number(todayLocal().slice(0, 4));
  const scope = await ledgerScope(ctx, actor, q.orgId);
  const { settings, today, judged } = await judgedLedger(ctx, actor, scope, year);
  const counts = { done: 0, on_track: 0, behind: 0, exempt: 0 };
  for (const p of judged) counts[p.status] += 1;
  const filtered = filterJudged(judged, q);
  // The ones who need attention first: behind, then on track, then done; exempt last (pinyin order kept).
  const ordered = q.status
    ? filtered
    : (['behind', 'on_track', 'done', 'exempt'] as const).flatMap((status) =>
        filtered.filter((p) => p.status === status),
      );
  const start = (q.page - 1) * q.pageSize;
  return {
    items: ordered.slice(start, start + q.pageSize).map((p) => presentItem(p, settings.targetHours)),
    total: filtered.length,
    page: q.page,
    pageSize: q.pageSize,
    year,
    target: settings.targetHours,
    monthsLeft: monthsLeft(year, today),
    counts,
    scope: scope.scope ? { id: scope.scope.id, name: scope.scope.name } : null,
  };
}

/** One member's year: every credited item with its source, date and branch, the totals and the standing. */
export async function personHours(
  ctx: AppContext,
  actor: Actor,
  personId: string,
  year = Number(todayLocal().slice(0, 4)),
): Promise<PersonHours> {
  enforce(seesTraining(actor));
  const brief = await loadPersonBrief(ctx.db, actor.tenantId, personId);
  enforce(
    brief
      ? canReadLedgerOf(actor, { tenantId: brief.tenant_id, personId, orgPath: brief.org_path })
      : canReadLedgerOf(actor, { tenantId: '', personId, orgPath: '' }),
  );
  const p = brief!;
  const settings = await loadTrainingSettings(ctx.db, actor.tenantId);
  const today = todayLocal();
  const [ledger] = await computeLedger(ctx.db, actor.tenantId, year, { personIds: [personId] }, settings);
  const entries = await ledgerEntries(ctx.db, actor.tenantId, year, [personId]);
  const hours = ledger?.hours ?? 0;
  const exempt = ledger?.exempt ?? false;
  const v = ledgerVerdict({ hours, exempt }, settings.targetHours, year, today);
  return {
    person: {
      id: p.id,
      name: p.name,
      orgId: p.org_id,
      orgName: p.org_name,
      exempt,
      partyStatusLabel: PARTY_STATUS_LABELS[p.party_status as PartyStatus] ?? p.party_status,
    },
    year,
    target: settings.targetHours,
    hours,
    status: v.status,
    statusLabel: LEDGER_STATUS_LABELS[v.status],
    needed: v.needed,
    monthsLeft: monthsLeft(year, today),
    importCapped: ledger?.importCapped ?? false,
    sources: SOURCE_KINDS.map((kind) => ({
      kind,
      label: SOURCE_LABELS[kind],
      hours:
        ledger?.sources[kind] ??
        round1(entries.filter((e) => e.kind === kind).reduce((s, e) => s + e.hours, 0)),
      count: entries.filter((e) => e.kind === kind).length,
    })),
    entries: entries.map((e) => ({
      kind: e.kind,
      kindLabel: SOURCE_LABELS[e.kind],
      on: e.on,
      title: e.title,
      hours: e.hours,
      orgName: e.orgName,
      note: e.note,
      link: e.link,
    })),
  };
}

/** The ledger of a scope as an .xlsx: the summary, and every credited item when the scope is small enough. */
export async function exportHours(
  ctx: AppContext,
  actor: Actor,
  q: Omit<HoursQuery, 'page' | 'pageSize'>,
): Promise<{ data: Buffer; fileName: string }> {
  const year = q.year ?? Number(todayLocal().slice(0, 4));
  const scope = await ledgerScope(ctx, actor, q.orgId);
  const { settings, judged } = await judgedLedger(ctx, actor, scope, year);
  const rows = filterJudged(judged, q);
  const scopeName = scope.scope?.name ?? actor.displayName;
  const title = `${scopeName} ${year}年党员学习学时台账（目标 ${settings.targetHours} 学时）`;
  const wb = newWorkbook();
  addLedgerSheet(
    wb,
    title,
    [
      { header: '序号', width: 6 },
      { header: '姓名', width: 10 },
      { header: '所在党支部', width: 28 },
      ...SOURCE_KINDS.map((k) => ({ header: `${SOURCE_LABELS[k]}（学时）`, width: 12 })),
      { header: '合计学时', width: 10 },
      { header: '目标学时', width: 10 },
      { header: '状态', width: 10 },
      { header: '尚差学时', width: 10 },
    ],
    rows
      .slice(0, MAX_EXPORT_ROWS)
      .map((p, i) => [
        i + 1,
        p.name,
        p.orgName,
        ...SOURCE_KINDS.map((k) => p.sources[k]),
        p.hours,
        settings.targetHours,
        LEDGER_STATUS_LABELS[p.status],
        p.needed,
      ]),
    rows.length,
  );
  const ids = rows.map((p) => p.personId);
  if (ids.length <= 300) {
    const names = new Map(rows.map((p) => [p.personId, p]));
    const entries = (await ledgerEntries(ctx.db, actor.tenantId, year, ids)).sort(
      (a, b) =>
        (names.get(a.personId)?.name ?? '').localeCompare(names.get(b.personId)?.name ?? '', 'zh-Hans-CN') ||
        (a.on < b.on ? -1 : 1),
    );
    addLedgerSheet(
      wb,
      '学时明细',
      [
        { header: '姓名', width: 10 },
        { header: '日期', width: 12 },
        { header: '来源', width: 10 },
        { header: '内容', width: 40 },
        { header: '学时', width: 8 },
        { header: '当时所在党支部', width: 28 },
        { header: '说明', width: 24 },
      ],
      entries
        .slice(0, MAX_EXPORT_ROWS)
        .map((e) => [
          names.get(e.personId)?.name ?? '',
          e.on,
          SOURCE_LABELS[e.kind],
          e.title,
          e.hours,
          e.orgName,
          e.note,
        ]),
      entries.length,
    );
  }
  await ctx.db.transaction(async (tx) =>
    audit(tx, actor, {
      action: 'training_hours.export',
      details: { orgId: scope.scope?.id ?? null, year, rows: rows.length },
    }),
  );
  return { data: await workbookBuffer(wb), fileName: `${scopeName}${year}年学时台账.xlsx` };
}
