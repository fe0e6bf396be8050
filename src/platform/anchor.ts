import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { canonicalJson } from './audit';
import { type Executor, queryRows } from './db';
import type { AnchoredHead, VerifyProblem } from './verify';

/**
 * Signed checkpoints of the audit chains. An anchor is a small JSON file holding every chain's head
 * (tenant, seq, hash) at one moment, signed with an Ed25519 key that is not in the database. Kept outside
 * the database (another machine, WORM storage, paper), it makes a consistent rewrite, a truncated tail or a
 * rollback to an older backup visible: the anchored event is no longer in the chain with the same hash.
 */
export const ANCHOR_FORMAT = 'branchline-anchor/1';

export interface AnchorHead {
  tenantId: string;
  seq: number;
  hash: string;
}

export interface AnchorDocument {
  format: typeof ANCHOR_FORMAT;
  createdAt: string;
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI DER): which key signed. */
  keyId: string;
  heads: AnchorHead[];
  /** Ed25519 over the canonical JSON of the fields above, base64. */
  signature: string;
}

const payload = (a: Omit<AnchorDocument, 'signature'>) =>
  Buffer.from(canonicalJson({ format: a.format, createdAt: a.createdAt, keyId: a.keyId, heads: a.heads }));

export const anchorKeyId = (publicKey: KeyObject): string =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

/** A new Ed25519 key pair: the private key as PKCS#8 PEM, the public key as SPKI PEM. */
export function newAnchorKey(): { privatePem: string; publicPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: anchorKeyId(publicKey),
  };
}

function ed25519(key: KeyObject, file: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: not an Ed25519 key`);
  return key;
}

export const loadAnchorPrivateKey = (file: string): KeyObject =>
  ed25519(createPrivateKey(readFileSync(file)), file);

/** A public key file (SPKI PEM), or the private key file it is derived from. */
export function loadAnchorPublicKey(file: string): KeyObject {
  const pem = readFileSync(file);
  const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
  return ed25519(key, file);
}

/** Every chain's head, read in one statement (one snapshot). */
export async function chainHeads(db: Executor): Promise<AnchorHead[]> {
  const rows = await queryRows<{ tenant_id: string; seq: string | number; hash: string }>(
    db,
    sql`select tenant_id, seq, hash from audit_heads order by tenant_id`,
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, seq: Number(r.seq), hash: r.hash }));
}

export function signAnchor(heads: AnchorHead[], privateKey: KeyObject, now = new Date()): AnchorDocument {
  const unsigned = {
    format: ANCHOR_FORMAT,
    createdAt: now.toISOString(),
    keyId: anchorKeyId(createPublicKey(privateKey)),
    heads: [...heads].sort((a, b) => (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0)),
  } as const;
  return { ...unsigned, signature: sign(null, payload(unsigned), privateKey).toString('base64') };
}

/** Writes the current heads, signed, into a new file in `dir` (never overwriting one). */
export async function writeAnchor(
  db: Executor,
  dir: string,
  privateKey: KeyObject,
  now = new Date(),
): Promise<{ file: string; anchor: AnchorDocument }> {
  const anchor = signAnchor(await chainHeads(db), privateKey, now);
  mkdirSync(dir, { recursive: true });
  const stamp = anchor.createdAt.replace(/[-:]/g, '').replace('.', '');
  const file = join(dir, `anchor-${stamp}-${randomBytes(3).toString('hex')}.json`);
  writeFileSync(file, `${JSON.stringify(anchor, null, 2)}\n`, { flag: 'wx' });
  return { file, anchor };
}

/** Checks one anchor document's format, key and signature; the reason it fails, or null. */
export function anchorFault(doc: unknown, publicKey: KeyObject): string | null {
  const a = doc as Partial<AnchorDocument> | null;
  if (!a || a.format !== ANCHOR_FORMAT || !Array.isArray(a.heads) || typeof a.signature !== 'string')
    return '不是 Branchline 锚点文件 (not an anchor)';
  const expected = anchorKeyId(publicKey);
  if (a.keyId !== expected) return `由另一把密钥签名（${a.keyId}，应为 ${expected}）(signed by another key)`;
  const good = verify(null, payload(a as AnchorDocument), publicKey, Buffer.from(a.signature, 'base64'));
  return good ? null : '签名无效：文件在签名后被改动 (bad signature)';
}

/**
 * Reads every `anchor-*.json` in `dir`: the heads of those whose signature holds, and an `anchor_invalid`
 * problem for each that doesn't (changed after signing, another key, not an anchor).
 */
export function readAnchors(
  dir: string,
  publicKey: KeyObject,
): { files: number; heads: AnchoredHead[]; problems: VerifyProblem[] } {
  const names = readdirSync(dir)
    .filter((n) => /^anchor-.*\.json$/.test(n))
    .sort();
  const heads: AnchoredHead[] = [];
  const problems: VerifyProblem[] = [];
  for (const name of names) {
    let doc: unknown = null;
    try {
      doc = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch {
      // reported below as not an anchor
    }
    const fault = anchorFault(doc, publicKey);
    if (fault) {
      problems.push({ kind: 'anchor_invalid', file: name, message: `锚点 ${name}：${fault}` });
      continue;
    }
    const a = doc as AnchorDocument;
    for (const h of a.heads)
      heads.push({
        tenantId: h.tenantId,
        seq: Number(h.seq),
        hash: h.hash,
        file: name,
        createdAt: a.createdAt,
      });
  }
  return { files: names.length, heads, problems };
}

export interface AnchorSchedule {
  dir: string;
  keyFile: string;
  intervalMs: number;
}

/**
 * `BRANCHLINE_ANCHOR_DIR` (where), `BRANCHLINE_ANCHOR_KEY` (the private key file) and
 * `BRANCHLINE_ANCHOR_INTERVAL` (minutes, default 60): the server's own anchors. Null when no directory is set.
 */
export function anchorScheduleFromEnv(env: NodeJS.ProcessEnv = process.env): AnchorSchedule | null {
  const dir = env.BRANCHLINE_ANCHOR_DIR;
  if (!dir) return null;
  const keyFile = env.BRANCHLINE_ANCHOR_KEY;
  if (!keyFile)
    throw new Error('BRANCHLINE_ANCHOR_DIR is set but BRANCHLINE_ANCHOR_KEY (the private key file) is not');
  const minutes = Number(env.BRANCHLINE_ANCHOR_INTERVAL ?? 60);
  if (!Number.isFinite(minutes) || minutes < 1)
    throw new Error('BRANCHLINE_ANCHOR_INTERVAL: minutes, at least 1');
  return { dir, keyFile, intervalMs: minutes * 60_000 };
}

/** Writes an anchor now and then every interval; returns the function that stops it. */
export function startAnchorSchedule(db: Executor, schedule: AnchorSchedule): () => void {
  const key = loadAnchorPrivateKey(schedule.keyFile);
  const run = () =>
    writeAnchor(db, schedule.dir, key).then(
      ({ file }) => console.log(`audit anchor written: ${basename(file)}`),
      (e) => console.error(`audit anchor failed: ${(e as Error).message}`),
    );
  void run();
  const timer = setInterval(run, schedule.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
