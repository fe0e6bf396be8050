import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Field-encryption keys: the first is used to encrypt, all are tried by id to decrypt. */
export interface KeyRing {
  current: string;
  keys: Record<string, Buffer>;
  blindIndexKey: Buffer;
}

export function parseKeyRing(spec: { keys: string; blindIndexKey: string }): KeyRing {
  const entries = spec.keys
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, b64] = entry.split(':');
      const key = Buffer.from(b64 ?? '', 'base64');
      if (!id || key.length !== 32) throw new Error(`Invalid key "${id}": expected id:base64 of 32 bytes`);
      return [id, key] as const;
    });
  if (entries.length === 0) throw new Error('No encryption key configured');
  const blindIndexKey = Buffer.from(spec.blindIndexKey, 'base64');
  if (blindIndexKey.length < 32) throw new Error('Blind index key must be at least 32 bytes');
  return { current: entries[0][0], keys: Object.fromEntries(entries), blindIndexKey };
}

/**
 * Keys come from BRANCHLINE_KEYS / BRANCHLINE_BLIND_INDEX_KEY when set; otherwise from a key file that
 * is created on first start (convenient for the embedded mode; production sets the environment).
 */
export function loadKeyRing(keyFile: string, env = process.env): KeyRing {
  if (env.BRANCHLINE_KEYS && env.BRANCHLINE_BLIND_INDEX_KEY) {
    return parseKeyRing({ keys: env.BRANCHLINE_KEYS, blindIndexKey: env.BRANCHLINE_BLIND_INDEX_KEY });
  }
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    const spec = {
      keys: `k1:${randomBytes(32).toString('base64')}`,
      blindIndexKey: randomBytes(32).toString('base64'),
    };
    writeFileSync(keyFile, JSON.stringify(spec, null, 2), { mode: 0o600 });
  }
  return parseKeyRing(JSON.parse(readFileSync(keyFile, 'utf8')));
}

export function encrypt(ring: KeyRing, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.keys[ring.current], iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    ring.current,
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    body.toString('base64'),
  ].join(':');
}

export function decrypt(ring: KeyRing, sealed: string): string {
  const [id, iv, tag, body] = sealed.split(':');
  const key = ring.keys[id];
  if (!key) throw new Error(`Unknown encryption key id "${id}"`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}

export const keyIdOf = (sealed: string): string => sealed.split(':')[0];

/** Deterministic HMAC for exact-match search over an encrypted column. */
export function blindIndex(ring: KeyRing, value: string): string {
  return createHmac('sha256', ring.blindIndexKey).update(value.trim().toUpperCase()).digest('hex');
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
export const randomToken = (): string => randomBytes(32).toString('base64url');

/**
 * An ID number as lists show it: only the last four characters. The first six (the place of registration)
 * and the birth date in the middle stay hidden: the birth date is shown in clear beside it, so keeping any
 * of the middle would hand back the number. Masking a masked value again gives the same value, so copies
 * masked under an older rule (first six and last four) are re-masked where they are read.
 */
export function maskIdNumber(v: string): string {
  return v.length <= 6 ? '*'.repeat(v.length) : `${'*'.repeat(v.length - 4)}${v.slice(-4)}`;
}
export function maskPhone(v: string): string {
  const digits = v.replace(/\s/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}
export function maskAddress(v: string): string {
  return v.length <= 6 ? '******' : `${v.slice(0, 6)}******`;
}
