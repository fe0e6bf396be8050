import type { AppContext } from '../../platform/context';
import { blindIndex, encrypt, maskAddress, maskIdNumber, maskPhone } from '../../platform/crypto';
import type { SensitiveField } from './rules';
import type { people } from './tables';

type PersonRow = typeof people.$inferSelect;

/** The sealed column of each sensitive field, as the database names it. */
export const SEALED_COLUMN: Record<SensitiveField, string> = {
  idNumber: 'id_number_enc',
  mobile: 'mobile_enc',
  landline: 'landline_enc',
  address: 'address_enc',
};

/** The columns written for a person's sensitive values: ciphertext, masked copy and blind index. */
export function sealSensitive(
  ctx: Pick<AppContext, 'keys'>,
  input: Partial<Record<SensitiveField, string | null>>,
) {
  const out: Partial<PersonRow> = {};
  if (input.idNumber !== undefined) {
    const v = input.idNumber?.trim().toUpperCase() || null;
    out.idNumberEnc = v ? encrypt(ctx.keys, v) : null;
    out.idNumberIndex = v ? blindIndex(ctx.keys, v) : null;
    out.idNumberMasked = v ? maskIdNumber(v) : null;
  }
  if (input.mobile !== undefined) {
    const v = input.mobile?.trim() || null;
    out.mobileEnc = v ? encrypt(ctx.keys, v) : null;
    out.mobileMasked = v ? maskPhone(v) : null;
  }
  if (input.landline !== undefined) {
    const v = input.landline?.trim() || null;
    out.landlineEnc = v ? encrypt(ctx.keys, v) : null;
    out.landlineMasked = v ? maskPhone(v) : null;
  }
  if (input.address !== undefined) {
    const v = input.address?.trim() || null;
    out.addressEnc = v ? encrypt(ctx.keys, v) : null;
    out.addressMasked = v ? maskAddress(v) : null;
  }
  return out;
}
