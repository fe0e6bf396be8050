import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The record this route changes is answered by GET on the same URL (for `If-Match`). */
    noPrecondition?: boolean;
  }
}

/** `"3"`, `W/"3"` or `3` → `3`. */
export const parseIfMatch = (value: string) =>
  value
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');

/** The version an answer carries: its `version`, else its `updatedAt`. */
export function versionOf(record: unknown): string | null {
  if (!record || typeof record !== 'object') return null;
  const r = record as { version?: unknown; updatedAt?: unknown };
  if (typeof r.version === 'number' || typeof r.version === 'string') return String(r.version);
  if (typeof r.updatedAt === 'string') return r.updatedAt;
  return null;
}

/**
 * Edits made offline carry the version they were based on (`If-Match: "<version>"`, the `version` or
 * else the `updatedAt` of the record as GET on the same URL answers it). When the record has changed on
 * the server meanwhile, the edit is not applied: 409 `edit_conflict` with the record as it now is, so the
 * phone can show both and let its user choose (send theirs again without If-Match, or keep the server's).
 * Requests without If-Match are unchanged. The check reads the record just before the change: it stops
 * the minutes-to-days overlaps of offline editing; the use case's own transaction remains the judge of
 * overlaps within a few milliseconds.
 */
export function registerPreconditions(app: FastifyInstance) {
  app.addHook('preHandler', async (req, reply) => {
    const header = req.headers['if-match'];
    if (header === undefined || (req.method !== 'PATCH' && req.method !== 'PUT') || !req.actor) return;
    if (!req.url.startsWith('/api/v1/') || req.routeOptions.config?.noPrecondition) return;
    const expected = parseIfMatch(Array.isArray(header) ? header[0] : header);
    const current = await app.inject({
      method: 'GET',
      url: req.url,
      headers: { cookie: req.headers.cookie ?? '', accept: 'application/json' },
    });
    // Not readable (gone, out of sight): the change itself answers why.
    if (current.statusCode !== 200) return;
    let record: unknown;
    try {
      record = current.json();
    } catch {
      return;
    }
    const version = versionOf(record);
    if (version === null || version === expected) return;
    req.refusalCode = 'edit_conflict';
    return reply.status(409).send({
      code: 'edit_conflict',
      message: '这条记录在您编辑期间已被修改：请对照服务器上的版本，选择保留哪一份',
      current: record,
    });
  });
}
