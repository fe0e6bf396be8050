import { type SQL, sql } from 'drizzle-orm';
import { type Actor, manages, personScope } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { draftedAtValue } from '../../platform/drafts';
import { invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, permitted } from '../../platform/policy';
import {
  type BranchOnDate,
  branchOnDate,
  isMemberOn,
  iso,
  loadPersonBrief,
  type PersonBrief,
  underOrg,
} from './common';
import type { Violation, ViolationInput, ViolationListQuery, ViolationMeta } from './contract';
import { openObligations } from './obligations';
import { canOnViolation, canRecordViolationIn, seesSafetyData } from './policy';
import {
  obligationStatus,
  type SafetySettings,
  VIOLATION_KIND_LABELS,
  VIOLATION_SOURCE_LABELS,
  type ViolationKind,
  type ViolationSource,
} from './rules';
import { loadSafetySettings } from './settings';
import { obligationEntity, violationEntity, violations } from './tables';

export async function violationMeta(ctx: AppContext, actor: Actor): Promise<ViolationMeta> {
  enforce(seesSafetyData(actor));
  const s = await loadSafetySettings(ctx.db, actor.tenantId);
  return {
    items: s.categories,
    severities: s.severities,
    kinds: Object.entries(VIOLATION_KIND_LABELS).map(([code, name]) => ({ code, name })),
    sources: Object.entries(VIOLATION_SOURCE_LABELS).map(([code, name]) => ({ code, name })),
  };
}

/**
 * The worker and their branch on the day of the violation. A worker the caller sees neither today nor on
 * that day is refused as if they did not exist; a branch of that day out of the caller's reach is 403.
 */
async function workerAndBranch(tx: Executor, actor: Actor, input: ViolationInput, today: string) {
  const person = await loadPersonBrief(tx, actor.tenantId, input.personId);
  const branch = person ? await branchOnDate(tx, person.id, input.occurredOn) : null;
  if (
    !person ||
    !seesSafetyData(actor).ok ||
    !(manages(actor, person.org_path) || (branch && manages(actor, branch.path)))
  )
    throw notFound('人员');
  if (input.occurredOn > today) throw invalid({ occurredOn: '发生日期不能晚于今天' });
  if (!branch) throw invalid({ occurredOn: '该日期此人不在任何党支部（早于入职或已离开），请核对发生日期' });
  enforce(canRecordViolationIn(actor, branch));
  return { person, branch };
}

/** The category and severity must be the tenant's; the severity defaults to the lightest. */
function checkCodes(input: ViolationInput, settings: SafetySettings): string {
  const errors: Record<string, string> = {};
  if (!settings.categories.some((c) => c.code === input.category))
    errors.category = input.category ? `违章类别“${input.category}”不在本单位的类别列表中` : '请选择违章类别';
  const severity = input.severity ?? settings.severities[settings.severities.length - 1].code;
  if (!settings.severities.some((c) => c.code === severity))
    errors.severity = `严重程度“${severity}”不在本单位的分级中`;
  if (Object.keys(errors).length) throw invalid(errors);
  return severity;
}

const violationRow = (
  actor: Actor,
  input: ViolationInput,
  person: PersonBrief,
  branch: BranchOnDate,
  severity: string,
) => ({
  id: newId(),
  tenantId: actor.tenantId,
  orgId: branch.id,
  personId: person.id,
  kind: input.kind,
  occurredOn: input.occurredOn,
  place: input.place ?? null,
  post: input.post ?? person.post,
  category: input.category,
  severity,
  source: input.source ?? 'inspection',
  description: input.description,
  wasMember: isMemberOn(person, input.occurredOn),
  recordedBy: actor.accountId,
  recordedByName: actor.displayName,
  recordedAt: new Date(),
  draftedAt: draftedAtValue(input.draftedAt),
});

/** Records a violation in the worker's branch on that date and opens the secretary's talk obligation. */
export async function createViolation(
  ctx: AppContext,
  actor: Actor,
  input: ViolationInput,
  today = todayLocal(),
) {
  return ctx.db.transaction(async (tx) => {
    const { person, branch } = await workerAndBranch(tx, actor, input, today);
    const settings = await loadSafetySettings(tx, actor.tenantId);
    const row = violationRow(actor, input, person, branch, checkCodes(input, settings));
    await tx.insert(violations).values(row);
    const [obligationId] = await openObligations(tx, [
      {
        tenantId: actor.tenantId,
        orgId: branch.id,
        personId: person.id,
        violationId: row.id,
        occurredOn: input.occurredOn,
        recordedOn: today,
        dueDays: settings.talkDueDays,
      },
    ]);
    await audit(tx, actor, [
      {
        action: 'violation.create',
        target: { entity: violationEntity, id: row.id },
        details: { personId: person.id, orgId: branch.id, kind: input.kind, occurredOn: input.occurredOn },
      },
      {
        action: 'talk_obligation.open',
        target: { entity: obligationEntity, id: obligationId },
        details: { violationId: row.id },
      },
    ]);
    return { id: row.id };
  });
}

type ViolationRow = {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  person_id: string;
  person_name: string;
  party_status: string;
  kind: ViolationKind;
  occurred_on: string;
  place: string | null;
  post: string | null;
  category: string;
  severity: string;
  source: ViolationSource;
  description: string;
  was_member: boolean;
  recorded_by_name: string;
  recorded_at: Date | string;
  obligation_id: string | null;
  due_on: string | null;
  done_on: string | null;
  talk_id: string | null;
};

const SELECT_V = sql`v.*, o.name as org_name, o.path as org_path, p.name as person_name, p.party_status,
  ob.id as obligation_id, ob.due_on, ob.done_on, ob.talk_id`;
const FROM_V = sql`violations v join orgs o on o.id = v.org_id join people p on p.id = v.person_id
  left join talk_obligations ob on ob.violation_id = v.id`;

type NameMaps = { categories: Map<string, string>; severities: Map<string, string> };

function presentViolation(actor: Actor, r: ViolationRow, names: NameMaps, today: string): Violation {
  const resource = {
    tenantId: r.tenant_id,
    orgPath: r.org_path,
    personId: r.person_id,
    obligationOpen: !!r.obligation_id && !r.talk_id,
  };
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    personId: r.person_id,
    personName: r.person_name,
    wasMember: r.was_member,
    kind: r.kind,
    kindLabel: VIOLATION_KIND_LABELS[r.kind],
    occurredOn: r.occurred_on,
    place: r.place,
    post: r.post,
    category: r.category,
    categoryName: names.categories.get(r.category) ?? r.category,
    severity: r.severity,
    severityName: names.severities.get(r.severity) ?? r.severity,
    source: r.source,
    sourceLabel: VIOLATION_SOURCE_LABELS[r.source],
    description: r.description,
    recordedByName: r.recorded_by_name,
    recordedAt: iso(r.recorded_at),
    talk:
      r.obligation_id && r.due_on
        ? {
            obligationId: r.obligation_id,
            dueOn: r.due_on,
            status: obligationStatus(r.due_on, r.done_on, today),
            talkId: r.talk_id,
          }
        : null,
    actions: permitted((a) => canOnViolation(actor, a, resource), ['record_talk'] as const),
  };
}

async function nameMaps(db: Executor, tenantId: string): Promise<NameMaps> {
  const s = await loadSafetySettings(db, tenantId);
  return {
    categories: new Map(s.categories.map((c) => [c.code, c.name])),
    severities: new Map(s.severities.map((c) => [c.code, c.name])),
  };
}

export async function listViolations(ctx: AppContext, actor: Actor, q: ViolationListQuery) {
  enforce(seesSafetyData(actor));
  const parts: SQL[] = [
    sql`v.tenant_id = ${actor.tenantId}`,
    personScope(actor, sql`v.org_id`, sql`v.person_id`),
    ...(await underOrg(ctx.db, actor, q.orgId)),
  ];
  if (q.personId) parts.push(sql`v.person_id = ${q.personId}`);
  if (q.from) parts.push(sql`v.occurred_on >= ${q.from}`);
  if (q.to) parts.push(sql`v.occurred_on <= ${q.to}`);
  if (q.kind) parts.push(sql`v.kind = ${q.kind}`);
  if (q.category) parts.push(sql`v.category = ${q.category}`);
  if (q.membersOnly === 'true') parts.push(sql`v.was_member`);
  const where = sql.join(parts, sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${FROM_V} where ${where}`,
  );
  const rows = await queryRows<ViolationRow>(
    ctx.db,
    sql`select ${SELECT_V} from ${FROM_V} where ${where}
        order by v.occurred_on desc, v.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const names = await nameMaps(ctx.db, actor.tenantId);
  const today = todayLocal();
  return {
    items: rows.map((r) => presentViolation(actor, r, names, today)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getViolation(ctx: AppContext, actor: Actor, id: string): Promise<Violation> {
  const [row] = await queryRows<ViolationRow>(
    ctx.db,
    sql`select ${SELECT_V} from ${FROM_V} where v.id = ${id} and v.tenant_id = ${actor.tenantId}`,
  );
  if (!row) throw notFound('违章违纪记录');
  enforce(
    canOnViolation(actor, 'read', {
      tenantId: row.tenant_id,
      orgPath: row.org_path,
      personId: row.person_id,
    }),
  );
  return presentViolation(actor, row, await nameMaps(ctx.db, actor.tenantId), todayLocal());
}
