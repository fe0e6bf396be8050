/** NUL or a UTF-16 surrogate without its pair: text PostgreSQL can't store as sent (it would hash differently). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses
const INVALID = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isStorableText = (s: string): boolean => !INVALID.test(s);

/**
 * The dotted path of the first string (or object key) in a parsed request part that can't be stored;
 * '' for the part itself, null when every string is fine.
 */
export function invalidTextPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = invalidTextPath(value[i], path ? `${path}.${i}` : String(i));
      if (bad !== null) return bad;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (!isStorableText(k)) return path;
      const bad = invalidTextPath(v, p);
      if (bad !== null) return bad;
    }
  }
  return null;
}

/**
 * Text as PostgreSQL stores it: a lone surrogate becomes U+FFFD (what UTF-8 encoding makes of it anyway)
 * and NUL, which a text or jsonb column refuses, becomes U+FFFD too. Paths that can't answer a 400 naming
 * the field (spreadsheet cells, the audit chain's own fields) store this, so what is hashed is what is stored.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this replaces
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
export const storableText = (s: string): string => (isStorableText(s) ? s : s.replace(UNSTORABLE, '\ufffd'));

/**
 * A JSON value as it comes back from a jsonb column: strings and keys storable, Dates as ISO strings,
 * undefined members dropped, non-finite numbers null. Hashing this instead of the raw value keeps a chained
 * event's hash equal to the one recomputed from the stored row.
 */
export function storableJson<T>(value: T): T {
  if (value === undefined) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return storableText(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [storableText(k), walk(x)]));
    return v;
  };
  return walk(JSON.parse(JSON.stringify(value))) as T;
}
