import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import {
  claimKey,
  completeKey,
  IDEMPOTENCY_KEY_PATTERN,
  purgeIdempotencyKeys,
  releaseKey,
} from '../platform/idempotency';

declare module 'fastify' {
  interface FastifyRequest {
    /** The idempotency key this request holds (its answer is kept when it succeeds). */
    idempotencyKey?: string;
  }
}

/** Requests that may carry an `Idempotency-Key`: the ones that create or change something. */
const KEYED = new Set(['POST', 'PUT', 'PATCH']);
const PURGE_EVERY_MS = 3_600_000;

/**
 * `Idempotency-Key` for every signed-in POST, PUT and PATCH under /api/v1 (src/platform/idempotency.ts):
 * the first request with a key runs and its successful answer is kept for the account; the same request
 * again is answered from what was kept (header `idempotent-replayed: true`); the same key with another
 * request is refused (422), and while the first is still running the second waits its turn (409).
 * Runs after authentication and validation (an invalid body is refused without taking the key), and
 * must be registered before compression so that the kept answer is the JSON itself.
 */
export function registerIdempotency(app: FastifyInstance, ctx: AppContext) {
  let lastPurge = 0;

  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers['idempotency-key'];
    if (header === undefined || !KEYED.has(req.method) || !req.actor || !req.url.startsWith('/api/v1/'))
      return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new AppError(
        400,
        'idempotency_key',
        '请求的幂等键（Idempotency-Key）格式不正确：应为 16–200 个字母、数字或 - _ . :',
      );
    }
    const now = new Date();
    if (now.getTime() - lastPurge > PURGE_EVERY_MS) {
      lastPurge = now.getTime();
      void purgeIdempotencyKeys(ctx.db, now).catch(() => {});
    }
    const multipart = req.isMultipart?.() ?? false;
    const claim = await claimKey(
      ctx.db,
      {
        tenantId: req.actor.tenantId,
        accountId: req.actor.accountId,
        key,
        method: req.method,
        path: req.url,
        body: multipart ? undefined : (req.body ?? null),
      },
      now,
    );
    switch (claim.kind) {
      case 'new':
        req.idempotencyKey = key;
        return;
      case 'replay':
        reply.status(claim.status).header('idempotent-replayed', 'true');
        if (claim.contentType) reply.type(claim.contentType);
        return reply.send(claim.body);
      case 'busy':
        throw new AppError(409, 'idempotency_in_progress', '同一请求正在处理中，请稍后再试');
      case 'mismatch':
        throw new AppError(
          422,
          'idempotency_key_reused',
          '该幂等键（Idempotency-Key）已用于另一次不同的请求，请为新的请求使用新的键',
        );
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const key = req.idempotencyKey;
    if (!key || !req.actor) return payload;
    req.idempotencyKey = undefined;
    const ok = reply.statusCode >= 200 && reply.statusCode < 300;
    if (ok && (typeof payload === 'string' || Buffer.isBuffer(payload) || payload == null)) {
      const body = payload == null ? '' : payload.toString();
      const type = reply.getHeader('content-type');
      await completeKey(ctx.db, req.actor.accountId, key, {
        status: reply.statusCode,
        contentType: type === undefined ? null : String(type),
        body,
      });
    } else {
      // A refusal or a failure is not kept: the client may fix the request and send it again.
      await releaseKey(ctx.db, req.actor.accountId, key);
    }
    return payload;
  });
}
