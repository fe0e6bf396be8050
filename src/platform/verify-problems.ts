import type { Executor } from './db';

/**
 * What `audit verify` can find. In a chain: an event whose content no longer gives its hash
 * (`event_changed`), an event whose `prev_hash` is not the previous event's hash (`link_broken`: an earlier
 * event was rewritten and re-hashed), events that are gone (`events_missing`: a gap, a truncated tail, or a
 * start after seq 1 that no archive point or anchor vouches for), `audit_heads` disagreeing with the last
 * event (`head_mismatch`). Against signed anchors: an anchored event with another hash now
 * (`anchor_mismatch`: a consistent rewrite) or no longer there (`anchor_lost`: truncation, rollback to an
 * older backup), an anchor file that doesn't verify (`anchor_invalid`). Rows against their latest event
 * (`row_*`), and module checks (`file_changed`).
 */
export type VerifyProblemKind =
  | 'event_changed'
  | 'link_broken'
  | 'events_missing'
  | 'head_mismatch'
  | 'anchor_mismatch'
  | 'anchor_lost'
  | 'anchor_invalid'
  | 'row_changed'
  | 'row_deleted'
  | 'row_inserted'
  | 'file_changed';

export const CHAIN_KINDS: readonly VerifyProblemKind[] = [
  'event_changed',
  'link_broken',
  'events_missing',
  'head_mismatch',
];
export const ANCHOR_KINDS: readonly VerifyProblemKind[] = [
  'anchor_mismatch',
  'anchor_lost',
  'anchor_invalid',
];
export const ROW_KINDS: readonly VerifyProblemKind[] = ['row_changed', 'row_deleted', 'row_inserted'];

export interface VerifyProblem {
  kind: VerifyProblemKind;
  tenantId?: string;
  entity?: string;
  entityId?: string;
  /** The chain position: the bad event, the first missing one, the head's, or the anchored one. */
  seq?: number;
  /** events_missing: how many. */
  count?: number;
  /**
   * What pins the problem down for an acknowledgment: the stored hash of the bad event, the head's hash,
   * the anchored hash, or a row's last audited content hash.
   */
  hash?: string | null;
  /** anchor problems: the anchor file. */
  file?: string;
  message: string;
}

/** A problem the operator acknowledged with `audit acknowledge`: still reported, never clean. */
export interface AcknowledgedProblem {
  problem: VerifyProblem;
  ack: { tenantId: string; seq: number; at: string; by: string | null; reason: string };
}

export interface ChainSummary {
  tenantId: string;
  events: number;
  firstSeq: number | null;
  lastSeq: number | null;
  headSeq: number | null;
  /** Events before this one were archived, vouched for by an archive point or an anchor. */
  archivedThrough: number | null;
  /** The first sequence number with an unacknowledged chain or anchor problem. */
  firstBadSeq: number | null;
}

/** A chain head as a signed anchor recorded it (src/platform/anchor.ts reads and checks the files). */
export interface AnchoredHead {
  tenantId: string;
  seq: number;
  hash: string;
  file: string;
  createdAt: string;
}

export interface VerifyOptions {
  /** Heads from anchors whose signature was checked; every one must still be in its chain. */
  anchors?: AnchoredHead[];
  /** Problems found while reading the anchors (bad signature, unreadable file). */
  anchorProblems?: VerifyProblem[];
}

export interface VerifyReport {
  /** Clean: no problem, acknowledged or not. */
  ok: boolean;
  status: 'clean' | 'acknowledged' | 'failed';
  events: number;
  records: number;
  chains: ChainSummary[];
  /** Problems nobody acknowledged: verify fails on these. */
  problems: VerifyProblem[];
  acknowledged: AcknowledgedProblem[];
  /** Facts worth saying that are no problem (an archived prefix, anchors inside it). */
  notes: string[];
  anchors: { heads: number; checked: number };
}

/** Extra checks a module adds (e.g. attachment files on disk against their stored hashes). */
export type ExtraVerifier = (db: Executor) => Promise<VerifyProblem[]>;

/** What an acknowledgment records of a problem, and what verify matches it by. */
export interface ProblemRef {
  kind: VerifyProblemKind;
  seq?: number;
  count?: number;
  hash?: string | null;
  entity?: string;
  entityId?: string;
}
export const problemRef = (p: VerifyProblem): ProblemRef => ({
  kind: p.kind,
  seq: p.seq,
  count: p.count,
  hash: p.hash ?? null,
  entity: p.entity,
  entityId: p.entityId,
});
/** An anchored head lost or changed is one fact (the kind moves from lost to changed as the chain grows). */
export const fingerprint = (p: ProblemRef) =>
  `${ANCHOR_KINDS.includes(p.kind) ? 'anchor' : p.kind}:${p.seq ?? ''}:${p.count ?? ''}:${p.hash ?? ''}`;

export const ACK_ACTION = 'audit.acknowledge';
export const ARCHIVE_ACTION = 'audit.archive';
