import { eq, sql } from 'drizzle-orm';
import { people, personEntity } from '../modules/people/tables';
import { recordAudit } from '../platform/audit';
import { decrypt, encrypt, keyIdOf } from '../platform/crypto';
import { queryRows } from '../platform/db';
import type { AppContext } from '../server/context';

const SEALED = ['id_number_enc', 'mobile_enc', 'landline_enc', 'address_enc'] as const;
const PROPS = {
  id_number_enc: 'idNumberEnc',
  mobile_enc: 'mobileEnc',
  landline_enc: 'landlineEnc',
  address_enc: 'addressEnc',
} as const;

/** Re-encrypts every sealed value under the current key; old keys can then be retired. */
export async function rotateKeysCommand(ctx: AppContext): Promise<number> {
  const current = ctx.keys.current;
  const rows = await queryRows<Record<string, string | null> & { id: string; tenant_id: string }>(
    ctx.db,
    sql`select id, tenant_id, ${sql.raw(SEALED.join(', '))} from people`,
  );
  const stale = rows.filter((r) => SEALED.some((c) => r[c] && keyIdOf(r[c]!) !== current));
  const byTenant = new Map<string, typeof stale>();
  for (const r of stale) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r]);
  for (const [tenantId, list] of byTenant) {
    await ctx.db.transaction(async (tx) => {
      for (const r of list) {
        const set: Record<string, string> = {};
        for (const c of SEALED)
          if (r[c] && keyIdOf(r[c]!) !== current) set[PROPS[c]] = encrypt(ctx.keys, decrypt(ctx.keys, r[c]!));
        await tx.update(people).set(set).where(eq(people.id, r.id));
      }
      await recordAudit(
        tx,
        list.map((r) => ({
          tenantId,
          actor: { id: null, name: 'keys rotate', ip: null },
          action: 'keys.rotate',
          target: { entity: personEntity, id: r.id },
          details: { key: current },
        })),
      );
    });
  }
  console.log(`re-encrypted ${stale.length} people under key ${current}`);
  return 0;
}
