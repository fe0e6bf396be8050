import { sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import { type Executor, queryRows } from '../../platform/db';

/**
 * A name's sort key in pinyin order, compared byte by byte (`collate "C"`): each Chinese character as its
 * toneless pinyin, its tone and the character itself (张 `zhang1张`), other text lower-cased, joined by
 * spaces. So names sort by sound syllable by syllable (李明 before 连), a surname's people stay together
 * (黎 li2, 李 li3, 厉 li4; 张 before 章 of the same sound), and a surname read differently as a surname
 * (单 shan4, 曾 zeng1) sorts where people say it. The database has no Chinese collation (PGlite has no
 * ICU), so the key is written with the name.
 */
export function nameSortKey(name: string): string {
  const chars = [...name.trim()];
  const syllables = pinyin(name.trim(), {
    toneType: 'num',
    type: 'array',
    surname: 'head',
    v: true,
    nonZh: 'consecutive',
  });
  const out: string[] = [];
  let i = 0;
  for (const s of syllables) {
    if (/^[a-zü]+[0-5]$/.test(s) && /\p{Script=Han}/u.test(chars[i] ?? '')) {
      out.push(`${s}${chars[i]}`);
      i += 1;
    } else {
      out.push(s.toLowerCase().replace(/\s+/g, ' ').trim());
      i += [...s].length;
    }
  }
  return out.filter(Boolean).join(' ');
}

/** SQL ordering people (alias `p`) by name in pinyin order. */
export const byName = sql`p.name_sort collate "C", p.name, p.id`;

/**
 * Gives the tenant's rows written before the sort key existed (or by hand) their keys, a batch at a
 * time; a no-op once every row has one (a partial index finds the missing ones).
 */
export async function fillSortKeys(db: Executor, tenantId: string): Promise<void> {
  for (;;) {
    const missing = await queryRows<{ id: string; name: string }>(
      db,
      sql`select id, name from people where tenant_id = ${tenantId} and name_sort is null limit 2000`,
    );
    if (!missing.length) return;
    const keyed = JSON.stringify(missing.map((r) => ({ id: r.id, k: nameSortKey(r.name) })));
    await db.execute(
      sql`update people set name_sort = x.k from jsonb_to_recordset(${keyed}::jsonb) as x(id uuid, k text)
          where people.id = x.id`,
    );
  }
}
