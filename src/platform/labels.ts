import { type ZodType, z } from 'zod';

/**
 * Field labels live on the schemas themselves (`.meta({ title: '姓名' })`), so a validation message names
 * the field the user sees, OpenAPI shows the same words, and no module shares a flat label map.
 */

type Def = {
  type: string;
  innerType?: ZodType;
  in?: ZodType;
  out?: ZodType;
  element?: ZodType;
  shape?: Record<string, ZodType>;
  options?: ZodType[];
  getter?: () => ZodType;
};
const defOf = (s: ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

export const titleOf = (s: ZodType): string | undefined => {
  const meta = z.globalRegistry.get(s) as { title?: string } | undefined;
  return meta?.title;
};

/** The schemas a wrapper stands for (optional, default, pipe, …), outermost first. */
function layers(s: ZodType): ZodType[] {
  const out: ZodType[] = [];
  let cur: ZodType | undefined = s;
  for (let i = 0; cur && i < 20; i++) {
    out.push(cur);
    const d = defOf(cur);
    cur =
      d.innerType ?? (d.type === 'pipe' ? d.in : undefined) ?? (d.type === 'lazy' ? d.getter?.() : undefined);
  }
  return out;
}

const firstTitle = (s: ZodType) => layers(s).map(titleOf).find(Boolean);

function child(s: ZodType, key: string): ZodType | undefined {
  for (const layer of layers(s)) {
    const d = defOf(layer);
    if (d.type === 'object' && d.shape && key in d.shape) return d.shape[key];
    if (d.type === 'array' && /^\d+$/.test(key)) return d.element;
    if (d.type === 'union' && d.options) {
      for (const o of d.options) {
        const c = child(o, key);
        if (c) return c;
      }
    }
  }
  return undefined;
}

/** The label of the field at `path` (dot-separated or segments); the nearest labelled ancestor otherwise. */
export function labelAt(
  schema: ZodType | undefined,
  path: string | readonly (string | number)[],
): string | undefined {
  if (!schema) return undefined;
  const segments = typeof path === 'string' ? path.split('.').filter(Boolean) : path.map(String);
  let cur: ZodType | undefined = schema;
  let label = firstTitle(schema);
  for (const seg of segments) {
    cur = cur ? child(cur, seg) : undefined;
    if (!cur) break;
    label = firstTitle(cur) ?? label;
  }
  return label;
}

/** Every leaf field of an object schema that has no label: the ownership test of field labels. */
export function unlabelledFields(schema: ZodType, prefix = ''): string[] {
  const missing: string[] = [];
  for (const layer of layers(schema)) {
    const d = defOf(layer);
    if (d.type === 'object' && d.shape) {
      for (const [key, value] of Object.entries(d.shape)) {
        const path = prefix ? `${prefix}.${key}` : key;
        if (!firstTitle(value)) missing.push(path);
        missing.push(...unlabelledFields(value, path));
      }
      return missing;
    }
    if (d.type === 'array' && d.element) return unlabelledFields(d.element, prefix);
  }
  return missing;
}

/** Shorthand: `label(zUuid, '所属组织')`. */
export const label = <T extends ZodType>(schema: T, title: string): T => schema.meta({ title }) as T;
