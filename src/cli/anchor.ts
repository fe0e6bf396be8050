import { existsSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadAnchorPrivateKey, newAnchorKey, writeAnchor } from '../platform/anchor';
import type { AppContext } from '../platform/context';
import { parseArgs } from './args';

const KEY_USAGE =
  'usage: audit anchor-key <file>   (writes an Ed25519 private key, PKCS#8 PEM, and <file>.pub)';
const ANCHOR_USAGE = 'usage: BRANCHLINE_ANCHOR_KEY=<key file> audit anchor --out <dir>';

/** `audit anchor-key <file>`: a new signing key for anchors; its public key goes to whoever keeps them. */
export function anchorKeyCommand(args: readonly string[]): number {
  const [file] = parseArgs(args).positional;
  if (!file) {
    console.error(KEY_USAGE);
    return 2;
  }
  if (existsSync(file) || existsSync(`${file}.pub`)) {
    console.error(`${file} already exists: an anchor key is never overwritten`);
    return 1;
  }
  const key = newAnchorKey();
  writeFileSync(file, key.privatePem, { flag: 'wx', mode: 0o600 });
  writeFileSync(`${file}.pub`, key.publicPem, { flag: 'wx', mode: 0o644 });
  console.log(
    `private key: ${file} (keep it off the database server's backups; set BRANCHLINE_ANCHOR_KEY=${file})`,
  );
  console.log(`public key:  ${file}.pub   key id ${key.keyId}`);
  console.log(key.publicPem.trim());
  return 0;
}

/** `audit anchor --out <dir>`: every chain's head, signed, in a new file of <dir>. */
export async function anchorCommand(ctx: AppContext, args: readonly string[]): Promise<number> {
  const dir = parseArgs(args).get('out');
  const keyFile = process.env.BRANCHLINE_ANCHOR_KEY;
  if (!dir || !keyFile) {
    console.error(`${!keyFile ? 'BRANCHLINE_ANCHOR_KEY is not set\n' : ''}${ANCHOR_USAGE}`);
    return 2;
  }
  let key: ReturnType<typeof loadAnchorPrivateKey>;
  try {
    key = loadAnchorPrivateKey(keyFile);
  } catch (e) {
    console.error(`cannot read the anchor key ${keyFile}: ${(e as Error).message}`);
    return 2;
  }
  const { file, anchor } = await writeAnchor(ctx.db, dir, key);
  for (const h of anchor.heads) console.log(`  ${h.tenantId}  seq ${h.seq}  ${h.hash}`);
  console.log(
    `anchor written: ${file} (${anchor.heads.length} chains, key ${anchor.keyId}); copy ${basename(file)} off this machine`,
  );
  return 0;
}
