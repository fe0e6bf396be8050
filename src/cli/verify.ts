import { existsSync } from 'node:fs';
import { loadAnchorPublicKey, readAnchors } from '../platform/anchor';
import type { AppContext } from '../platform/context';
import { moduleVerifiers } from '../platform/registry';
import { type VerifyOptions, type VerifyProblem, type VerifyReport, verifyAudit } from '../platform/verify';
import { parseArgs } from './args';

/** Exit codes of `audit verify` (docs/operations.md). */
export const EXIT = { clean: 0, failed: 1, usage: 2, acknowledged: 3 } as const;

export const VERIFY_USAGE = `usage: audit verify [--anchors <dir> [--public-key <file>]]
  --anchors <dir>      check every signed anchor in <dir> against the chains
  --public-key <file>  the anchors' public key (PEM); default: derived from BRANCHLINE_ANCHOR_KEY`;

/**
 * The anchors to check, read and signature-checked: `--anchors <dir>` with `--public-key <file>` or the
 * key named by BRANCHLINE_ANCHOR_KEY. A string is a usage error.
 */
export function anchorOptions(args: readonly string[]): VerifyOptions | string {
  const flags = parseArgs(args);
  const dir = flags.get('anchors');
  if (!flags.has('anchors')) return {};
  if (!dir || !existsSync(dir)) return `--anchors: directory ${dir ?? ''} not found`;
  const keyFile = flags.get('public-key') ?? process.env.BRANCHLINE_ANCHOR_KEY;
  if (!keyFile) return '--anchors needs the public key: --public-key <file> or BRANCHLINE_ANCHOR_KEY';
  let key: ReturnType<typeof loadAnchorPublicKey>;
  try {
    key = loadAnchorPublicKey(keyFile);
  } catch (e) {
    return `cannot read the anchor key ${keyFile}: ${(e as Error).message}`;
  }
  const read = readAnchors(dir, key);
  const problems = [...read.problems];
  if (read.files === 0)
    problems.push({
      kind: 'anchor_invalid',
      file: dir,
      message: `目录 ${dir} 中没有锚点文件 (anchor-*.json)：无从核对 (no anchors found)`,
    });
  return { anchors: read.heads, anchorProblems: problems };
}

export async function verifyCommand(ctx: AppContext, args: readonly string[] = []): Promise<number> {
  const options = anchorOptions(args);
  if (typeof options === 'string') {
    console.error(`${options}\n${VERIFY_USAGE}`);
    return EXIT.usage;
  }
  const t = Date.now();
  const report = await verifyAudit(ctx.db, moduleVerifiers(ctx), undefined, options);
  printReport(report);
  const summary = `${report.events} audit events in ${report.chains.length} chains, ${report.records} audited records${
    options.anchors ? `, ${report.anchors.heads} anchored heads` : ''
  } (${Date.now() - t} ms)`;
  if (report.status === 'failed') {
    console.log(`FAILED: ${report.problems.length} problems; ${summary}`);
    return EXIT.failed;
  }
  if (report.status === 'acknowledged') {
    console.log(
      `ACKNOWLEDGED: no open problem, but ${report.acknowledged.length} acknowledged breaks: the records are NOT proven intact there; ${summary}`,
    );
    return EXIT.acknowledged;
  }
  console.log(`OK: ${summary}`);
  return EXIT.clean;
}

const where = (p: VerifyProblem) =>
  [
    p.tenantId ? `tenant=${p.tenantId}` : '',
    p.seq !== undefined ? `seq=${p.seq}` : '',
    p.entity ? p.entity : '',
    p.entityId ? p.entityId : '',
    p.file ? `file=${p.file}` : '',
  ]
    .filter(Boolean)
    .join(' ');

export function printProblems(problems: VerifyProblem[]) {
  for (const p of problems) console.error(`FAIL ${p.kind} ${where(p)}: ${p.message}`);
}

export function printReport(report: VerifyReport) {
  printProblems(report.problems);
  for (const { problem: p, ack } of report.acknowledged)
    console.error(
      `ACK  ${p.kind} ${where(p)}: ${p.message} — acknowledged by event ${ack.seq} (${ack.at}, ${ack.by ?? '—'}): ${ack.reason}`,
    );
  for (const c of report.chains)
    if (c.firstBadSeq !== null)
      console.error(
        `chain ${c.tenantId}: ${c.events} events (seq ${c.firstSeq ?? '—'}–${c.lastSeq ?? '—'}, head ${c.headSeq ?? '—'}), first bad seq ${c.firstBadSeq}`,
      );
  for (const n of report.notes) console.log(`NOTE ${n}`);
}
