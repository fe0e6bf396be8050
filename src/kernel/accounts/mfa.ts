import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { decrypt, encrypt, sha256Hex } from '../../platform/crypto';
import type { Executor } from '../../platform/db';
import { conflict, invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { accountMfa, mfaEntity } from './tables';

/**
 * The second factor: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, any authenticator app) through `otpauth`,
 * the secret sealed with the platform keys (`keys rotate` re-seals it), and ten single-use recovery
 * codes kept as SHA-256 hashes. A code is accepted one step either side of now, and never twice.
 */

const ISSUER = '支部在线';
const PERIOD = 30;
const RECOVERY_CODES = 10;
// No 0/o, 1/l/i: read off paper and typed on a phone.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export type MfaRow = typeof accountMfa.$inferSelect;

const totp = (secret: string, label = '') =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });

/** The time step a TOTP code belongs to (now ± one step), or null when it is no valid code. */
export function codeStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** The code an authenticator shows at a moment (tests, and nothing else). */
export const currentCode = (secret: string, at: Date = new Date()): string =>
  totp(secret).generate({ timestamp: at.getTime() });

const normalRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');
const recoveryHash = (code: string) => sha256Hex(`branchline-recovery:${normalRecovery(code)}`);

function newRecoveryCode(): string {
  const pick = () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  const part = () => Array.from({ length: 5 }, pick).join('');
  return `${part()}-${part()}`;
}

export async function loadMfa(db: Executor, accountId: string): Promise<MfaRow | null> {
  const [row] = await db.select().from(accountMfa).where(eq(accountMfa.accountId, accountId));
  return row ?? null;
}

/** Starts (or starts again) the enrolment of the signed-in account: a new secret, not yet in force. */
export async function enroll(ctx: AppContext, actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
  const secret = new Secret({ size: 20 }).base32;
  const otpauthUrl = totp(secret, actor.username).toString();
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(accountMfa)
      .where(eq(accountMfa.accountId, actor.accountId))
      .for('update');
    if (current?.confirmedAt) throw conflict('已启用两步验证；如需更换验证器，请联系系统管理员申请重置');
    const id = current?.id ?? newId();
    const values = {
      secretEnc: encrypt(ctx.keys, secret),
      confirmedAt: null,
      recoveryHashes: [],
      lastStep: null,
    };
    if (current) await tx.update(accountMfa).set(values).where(eq(accountMfa.id, id));
    else
      await tx.insert(accountMfa).values({
        id,
        tenantId: actor.tenantId,
        accountId: actor.accountId,
        createdAt: new Date(),
        ...values,
      });
    await audit(tx, actor, { action: 'auth.mfa_enroll', target: { entity: mfaEntity, id } });
  });
  return { secret, otpauthUrl };
}

/** The first code from the authenticator puts the second factor in force; the recovery codes are shown once. */
export async function confirm(
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const now = new Date();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(accountMfa)
      .where(eq(accountMfa.accountId, actor.accountId))
      .for('update');
    if (!row) throw invalid({ code: '请先开始启用两步验证（扫描二维码）' });
    if (row.confirmedAt) throw conflict('两步验证已启用');
    const step = codeStep(decrypt(ctx.keys, row.secretEnc), code.trim(), now);
    if (step === null)
      throw invalid({ code: '验证码不正确，请核对手机上显示的 6 位数字（注意手机时间是否准确）' });
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await tx
      .update(accountMfa)
      .set({ confirmedAt: now, lastStep: step, recoveryHashes: recoveryCodes.map(recoveryHash) })
      .where(eq(accountMfa.id, row.id));
    await audit(tx, actor, { action: 'auth.mfa_confirm', target: { entity: mfaEntity, id: row.id } });
    return { recoveryCodes };
  });
}

export type FactorCheck = { ok: false } | { ok: true; kind: 'totp' | 'recovery'; update: Partial<MfaRow> };

/** Checks a code against a confirmed second factor: a fresh TOTP code, or an unused recovery code. */
export function checkFactor(
  ctx: Pick<AppContext, 'keys'>,
  row: MfaRow,
  code: string,
  now: Date,
): FactorCheck {
  const given = code.trim();
  if (/^\d{6}$/.test(given)) {
    const step = codeStep(decrypt(ctx.keys, row.secretEnc), given, now);
    if (step === null || (row.lastStep !== null && step <= Number(row.lastStep))) return { ok: false };
    return { ok: true, kind: 'totp', update: { lastStep: step } };
  }
  const hash = recoveryHash(given);
  if (normalRecovery(given).length !== 10 || !row.recoveryHashes.includes(hash)) return { ok: false };
  return {
    ok: true,
    kind: 'recovery',
    update: { recoveryHashes: row.recoveryHashes.filter((h) => h !== hash) },
  };
}
