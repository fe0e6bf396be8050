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
