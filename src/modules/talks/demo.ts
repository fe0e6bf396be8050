import { recordAudit } from '../../platform/audit';
import { encrypt } from '../../platform/crypto';
import { dayjs } from '../../platform/dates';
import type { DemoState, DemoStep } from '../../platform/demo';
import { newId } from '../../platform/ids';
import { closeObligationsAsSystem, type ObligationClose, openObligationsForDemo } from '../safety/api';
import { talkEntity, talks } from './tables';

const TALK_SUMMARIES = [
  '指出违章行为的危害及可能造成的后果，本人认识到错误，表示今后严格按标作业。',
  '结合近期典型事故案例进行警示教育，本人写出书面检查，承诺不再发生类似问题。',
  '了解违章原因：家中有事精力不集中。已协调班组长关心帮助，本人表示端正态度。',
  '帮助分析违章的思想根源，明确整改要求，本人态度诚恳，愿意接受考核。',
];
const FOLLOW_UPS = [
  '班组长每班盯控，持续一个月',
  '参加段安全培训班复训',
  '由包保党员每周谈心一次',
  '书面检查在班组安全会上宣读',
];
const YEARLY_SUMMARIES = [
  '交流了工作和家庭情况，听取对支部工作的意见建议。',
  '谈思想、谈工作，对个人提出发挥党员先锋模范作用的要求。',
  '了解其倒班生活困难，反映至车间协调解决。',
];

const addDays = (d: string, n: number) => dayjs(d).add(n, 'day').format('YYYY-MM-DD');
const isMember = (s: string) => s === 'full' || s === 'probationary';

/**
 * The talks of the demo year, after the safety step: most talk obligations closed by a talk within a few
 * days (the demo branch's last week stays open, so its secretary has one talk due and one overdue), and
 * yearly talks with most members of most branches.
 */
export const demoTalks: DemoStep = async (ctx, state) => {
  const { rng, tenantId, today } = state;
  const now = state.now;
  // The branch's talker: its first full member (the demo's stand-in for the secretary).
  const secretaryOf = new Map<string, DemoState['people'][number]>();
  for (const p of state.people)
    if (p.partyStatus === 'full' && !secretaryOf.has(p.orgId)) secretaryOf.set(p.orgId, p);
  type T = typeof talks.$inferInsert;
  const rows: T[] = [];
  const closes: ObligationClose[] = [];
  const talk = (orgId: string, personId: string, heldOn: string, extra: Partial<T>): T => {
    const sec = secretaryOf.get(orgId);
    const summaryEnc = extra.summaryEnc ?? encrypt(ctx.keys, rng.pick(YEARLY_SUMMARIES));
    return {
      id: newId(),
      tenantId,
      orgId,
      personId,
      talkerPersonId: sec?.id ?? null,
      talkerName: sec?.name ?? '支部书记',
      heldOn,
      kind: 'yearly',
      violationId: null,
      summaryEnc,
      followUpEnc: null,
      late: false,
      recordedBy: null,
      recordedByName: sec?.name ?? '支部书记',
      recordedAt: now,
      ...extra,
    };
  };

  for (const o of await openObligationsForDemo(ctx.db, tenantId)) {
    const age = Math.round((Date.parse(today) - Date.parse(o.occurred_on)) / 86_400_000);
    const keepOpen =
      (o.org_id === state.demoBranchId && age <= 6) ||
      (age <= 3 ? rng.chance(0.6) : age <= 30 && rng.chance(0.08));
    if (keepOpen) continue;
    const heldOn = addDays(o.occurred_on, Math.min(age, rng.chance(0.85) ? rng.int(0, 3) : rng.int(4, 9)));
    const row = talk(o.org_id, o.person_id, heldOn, {
      kind: 'violation_followup',
      violationId: o.violation_id,
      summaryEnc: encrypt(ctx.keys, rng.pick(TALK_SUMMARIES)),
      followUpEnc: encrypt(ctx.keys, rng.pick(FOLLOW_UPS)),
      late: rng.chance(0.04),
    });
    rows.push(row);
    closes.push({ violationId: o.violation_id, talkId: row.id!, heldOn });
  }
  // Yearly talks: most members of most branches this year so far.
  const yearStart = `${today.slice(0, 4)}-01-01`;
  for (const b of state.orgs.filter((o) => o.type === 'branch')) {
    const sec = secretaryOf.get(b.id);
    const share = rng.chance(0.15) ? 0.3 : 0.6 + rng.next() * 0.4;
    for (const p of state.people) {
      if (p.orgId !== b.id || !isMember(p.partyStatus) || p.id === sec?.id || !rng.chance(share)) continue;
      rows.push(talk(b.id, p.id, rng.date(yearStart, today), {}));
    }
  }

  for (let i = 0; i < rows.length; i += 400) await ctx.db.insert(talks).values(rows.slice(i, i + 400));
  await recordAudit(
    ctx.db,
    rows.map((r) => ({
      tenantId,
      actor: state.system,
      action: 'talk.create',
      target: { entity: talkEntity, id: r.id! },
    })),
  );
  await closeObligationsAsSystem(ctx.db, tenantId, state.system, closes);
};
