import { sql } from 'drizzle-orm';
import { eventHash, GENESIS_HASH } from './audit';
import { type Executor, queryRows } from './db';
import {
  ACK_ACTION,
  type AnchoredHead,
  ARCHIVE_ACTION,
  type ChainSummary,
  type ProblemRef,
  type VerifyProblem,
  type VerifyProblemKind,
} from './verify-problems';

const PAGE = 5000;

interface EventRow {
  tenant_id: string;
  seq: string | number;
  at: Date | string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  content_hash: string | null;
  details: Record<string, unknown> | string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AckEvent {
  seq: number;
  at: string;
  by: string | null;
  reason: string;
  refs: ProblemRef[];
}

export interface ChainWalk {
  summary: ChainSummary;
  problems: VerifyProblem[];
  acks: AckEvent[];
  /** Stored hashes at the anchored sequence numbers. */
  hashAt: Map<number, string>;
  first: { seq: number; prevHash: string } | null;
}

const short = (h: string | null | undefined) => (h ? h.slice(0, 12) : '—');

type Problem = (
  seq: number,
  kind: VerifyProblemKind,
  message: string,
  extra?: Partial<VerifyProblem>,
) => void;

/** What a walk keeps between events. */
interface WalkState {
  events: number;
  first: { seq: number; prevHash: string } | null;
  last: { seq: number; hash: string } | null;
  acks: AckEvent[];
  /** Archive points: last archived seq → its hash. */
  archives: Map<number, string>;
  anchoredSeqs: Set<number>;
  hashAt: Map<number, string>;
}

/** One event on its own: its link to the event before, its content against its hash; what it records. */
function checkEvent(row: EventRow, state: WalkState, problem: Problem) {
  const seq = Number(row.seq);
  const details = typeof row.details === 'string' ? JSON.parse(row.details) : row.details;
  const { last } = state;
  state.events += 1;
  if (!state.first) state.first = { seq, prevHash: row.prev_hash };
  else if (last && seq > last.seq + 1) {
    const n = seq - last.seq - 1;
    problem(
      last.seq + 1,
      'events_missing',
      `审计链缺少第 ${last.seq + 1}–${seq - 1} 号事件，共 ${n} 条 (events missing)`,
      {
        count: n,
      },
    );
  } else if (last && row.prev_hash !== last.hash) {
    problem(
      seq,
      'link_broken',
      `第 ${seq} 号事件的前序哈希与第 ${last.seq} 号事件不符：之前的事件被改写并重算过哈希 (wrong prev link)`,
      {
        hash: row.hash,
      },
    );
  }
  const recomputed = eventHash(row.prev_hash, {
    tenantId: row.tenant_id,
    seq,
    at: new Date(row.at),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    contentHash: row.content_hash,
    details,
    ip: row.ip,
  });
  if (recomputed !== row.hash) {
    problem(seq, 'event_changed', `第 ${seq} 号事件的内容与其哈希不符：事件被改动过 (event changed)`, {
      hash: row.hash,
      entity: row.entity ?? undefined,
      entityId: row.entity_id ?? undefined,
    });
  } else if (row.action === ACK_ACTION && details) {
    state.acks.push({
      seq,
      at: new Date(row.at).toISOString(),
      by: row.actor_name,
      reason: String(details.reason ?? ''),
      refs: Array.isArray(details.problems) ? (details.problems as ProblemRef[]) : [],
    });
  } else if (row.action === ARCHIVE_ACTION && details && typeof details.throughSeq === 'number') {
    state.archives.set(details.throughSeq, String(details.throughHash));
  }
  if (state.anchoredSeqs.has(seq)) state.hashAt.set(seq, row.hash);
  state.last = { seq, hash: row.hash };
}

/** The chain's start: seq 1 from the genesis hash, or a later seq an archive point or anchor vouches for. */
function checkStart(state: WalkState, anchored: AnchoredHead[], problem: Problem): number | null {
  const { first } = state;
  if (first && first.seq === 1 && first.prevHash !== GENESIS_HASH) {
    problem(1, 'link_broken', '第 1 号事件的前序哈希不是链的起点 (wrong genesis link)', { hash: null });
  } else if (first && first.seq > 1) {
    const through = first.seq - 1;
    const vouched =
      state.archives.get(through) === first.prevHash ||
      anchored.some((a) => a.seq === through && a.hash === first.prevHash);
    if (vouched) return through;
    problem(
      1,
      'events_missing',
      `审计链从第 ${first.seq} 号事件开始，之前的 ${through} 条事件缺失，且没有归档点或锚点为其作证 (chain start missing)`,
      {
        count: through,
      },
    );
  }
  return null;
}

/** The head against the last event: a tail cut off, or a head that points elsewhere. */
function checkHead(state: WalkState, head: { seq: number; hash: string } | null, problem: Problem) {
  const { last } = state;
  if (!head) {
    if (last)
      problem(last.seq, 'head_mismatch', '审计链没有链头记录 (audit_heads row missing)', { hash: null });
  } else if (!last) {
    if (head.seq > 0)
      problem(
        1,
        'events_missing',
        `链头记录第 ${head.seq} 号事件，但链中没有任何事件 (every event missing)`,
        {
          count: head.seq,
        },
      );
  } else if (head.seq > last.seq) {
    const n = head.seq - last.seq;
    problem(
      last.seq + 1,
      'events_missing',
      `审计链末尾缺少第 ${last.seq + 1}–${head.seq} 号事件（链头记录到第 ${head.seq} 号），共 ${n} 条：链尾被截断 (tail truncated)`,
      {
        count: n,
      },
    );
  } else if (head.seq !== last.seq || head.hash !== last.hash) {
    problem(
      head.seq,
      'head_mismatch',
      `链头（第 ${head.seq} 号，${short(head.hash)}）与最后一个事件（第 ${last.seq} 号，${short(last.hash)}）不符 (head mismatch)`,
      {
        hash: head.hash,
      },
    );
  }
}

/**
 * Walks one chain to its end, whatever it finds: every event is checked on its own (its content against
 * its hash, its link against the event before), so one break doesn't hide the ones after it.
 */
export async function walkChain(
  db: Executor,
  tenantId: string,
  head: { seq: number; hash: string } | null,
  anchored: AnchoredHead[],
): Promise<ChainWalk> {
  const problems: VerifyProblem[] = [];
  const problem: Problem = (seq, kind, message, extra = {}) =>
    problems.push({ kind, tenantId, seq, message, ...extra });
  const state: WalkState = {
    events: 0,
    first: null,
    last: null,
    acks: [],
    archives: new Map(),
    anchoredSeqs: new Set(anchored.map((a) => a.seq)),
    hashAt: new Map(),
  };
  for (let cursor = 0; ; ) {
    const page = await queryRows<EventRow>(
      db,
      sql`select tenant_id, seq, at, actor_id, actor_name, action, entity, entity_id, content_hash, details, ip, prev_hash, hash
          from audit_events where tenant_id = ${tenantId} and seq > ${cursor} order by seq limit ${PAGE}`,
    );
    for (const row of page) checkEvent(row, state, problem);
    if (page.length < PAGE) break;
    cursor = state.last!.seq;
  }
  const archivedThrough = checkStart(state, anchored, problem);
  checkHead(state, head, problem);
  problems.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  return {
    summary: {
      tenantId,
      events: state.events,
      firstSeq: state.first?.seq ?? null,
      lastSeq: state.last?.seq ?? null,
      headSeq: head?.seq ?? null,
      archivedThrough,
      firstBadSeq: null,
    },
    problems,
    acks: state.acks,
    hashAt: state.hashAt,
    first: state.first,
  };
}

/** Every anchored head of one chain must still be there with the same hash. */
export function checkAnchors(walk: ChainWalk, anchored: AnchoredHead[], notes: string[]): VerifyProblem[] {
  const { summary } = walk;
  const problems = new Map<string, VerifyProblem>();
  let archived = 0;
  for (const a of anchored) {
    if (a.seq === 0) continue;
    if (summary.archivedThrough !== null && a.seq <= summary.archivedThrough) {
      archived += 1;
      continue;
    }
    const stored = walk.hashAt.get(a.seq);
    if (stored === a.hash) continue;
    const key = `${a.seq}:${a.hash}`;
    if (problems.has(key)) continue;
    const when = `锚点 ${a.file}（${a.createdAt}）`;
    problems.set(
      key,
      stored === undefined
        ? {
            kind: 'anchor_lost',
            tenantId: summary.tenantId,
            seq: a.seq,
            hash: a.hash,
            file: a.file,
            message: `${when}记录的第 ${a.seq} 号事件已不在链中（链现止于第 ${summary.lastSeq ?? 0} 号）：事件被删除、链尾被截断或数据库被回退到旧备份 (anchored event lost)`,
          }
        : {
            kind: 'anchor_mismatch',
            tenantId: summary.tenantId,
            seq: a.seq,
            hash: a.hash,
            file: a.file,
            message: `${when}记录的第 ${a.seq} 号事件哈希为 ${short(a.hash)}，链中现为 ${short(stored)}：审计链被改写 (anchored hash differs)`,
          },
    );
  }
  if (archived)
    notes.push(
      `chain ${summary.tenantId}: ${archived} anchored heads lie in the archived prefix (not in the database)`,
    );
  return [...problems.values()];
}
