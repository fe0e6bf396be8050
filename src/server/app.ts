import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import '../platform/i18n';
import { resolveSession, sessionGate } from '../kernel/accounts/api';
import { flushSecurityLog, recordRefusal } from '../kernel/audit/api';
import type { AppContext } from '../platform/context';
import { AppError, invalid, unauthenticated } from '../platform/errors';
import { labelAt } from '../platform/labels';
import { installedModules } from '../platform/registry';
import { invalidTextPath } from '../platform/text';
import { registerErrorHandler } from './errors';
import { registerIdempotency } from './idempotency';
import { meRoutes } from './me';
import './modules';
import { registerPreconditions } from './preconditions';

export const SESSION_COOKIE = 'bl_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Which X-Forwarded-For hops to believe: none, all, addresses/CIDRs, or a hop test. */
export type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

export interface BuildOptions {
  ctx: AppContext;
  webDir?: string;
  logger?: boolean;
  trustProxy?: TrustProxy;
}

export type App = FastifyInstance;
export interface RouteInfo {
  method: string;
  url: string;
  public: boolean;
  /** The module whose manifest declared the route ('server' for the composition routes). */
  module: string;
  /** The route's zod schemas, for the generated tests (labels, fuzz keys, response schemas). */
  schema: { body?: unknown; querystring?: unknown; params?: unknown; response?: Record<string, unknown> };
}
declare module 'fastify' {
  interface FastifyInstance {
    routeList: RouteInfo[];
  }
}

/**
 * What Node's HTTP parser refuses before any route sees it (a request line or headers past 16 KB, a
 * malformed request, a timeout), answered in Chinese like every other refusal, without echoing it.
 */
function chineseClientError(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'uri_too_long', '请求地址或请求头过长']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'timeout', '请求超时，请重试']
        : [400, 'Bad Request', 'bad_request', '请求格式无效'];
  const body = JSON.stringify({ code, message });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}

export async function buildApp({
  ctx,
  webDir,
  logger = false,
  trustProxy = false,
}: BuildOptions): Promise<App> {
  const app = Fastify({
    logger,
    trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // Long path parameters reach validation (a Chinese 400 naming the field), not the router's 414.
    routerOptions: { maxParamLength: 2000 },
    genReqId: () => randomBytes(6).toString('hex'),
    // The router's own refusals (a malformed %-escape, a path parameter past the limit), in Chinese, without echoing the URL.
    frameworkErrors: (error, _req, res) => {
      const reply = res as unknown as FastifyReply;
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
        return reply.status(414).send({ code: 'uri_too_long', message: '请求地址过长' });
      return reply.status(400).send({ code: 'bad_url', message: '请求地址无效（含有无法解析的字符）' });
    },
    clientErrorHandler: chineseClientError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionCsrf', null);
  app.decorateRequest('mustChangePassword', false);
  app.decorateRequest('accountState', null);
  registerErrorHandler(app);
  // Before compression (its answers are kept as JSON) and before the routes: Idempotency-Key, then If-Match.
  registerIdempotency(app, ctx);
  registerPreconditions(app);
  const routeList: RouteInfo[] = [];
  app.decorate('routeList', routeList);
  let registering = 'server';
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method !== 'HEAD' && r.url.startsWith('/api/v1/'))
        routeList.push({
          method,
          url: r.url,
          public: !!r.config?.public,
          module: registering,
          schema: (r.schema ?? {}) as RouteInfo['schema'],
        });
    }
  });

  await registerPlugins(app);

  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );
  app.get('/api/health', { config: { public: true } }, async () => ({ status: 'ok' }));

  registerRequestHooks(app, ctx);

  await app.register(meRoutes, { prefix: '/api/v1' });
  for (const mod of installedModules()) {
    registering = mod.name;
    if (mod.routes) await app.register(mod.routes, { prefix: '/api/v1' });
  }
  registering = 'server';

  await registerWeb(app, webDir);
  await app.ready();
  return app;
}

/** Security headers, compression, cookies, uploads, rate limits and the API's documentation. */
async function registerPlugins(app: FastifyInstance) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
      },
    },
  });
  // Every text answer compressed for a station's slow link; brotli at a level cheap enough per request.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: 'Branchline 支部在线 API', version: '1.0.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}

function registerRequestHooks(app: FastifyInstance, ctx: AppContext) {
  // Who is asking, and whether they may ask at all, before the body is read or validated: an anonymous
  // caller gets 401 whatever they send.
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const resolved = await resolveSession(ctx, token, req.ip);
      if (resolved) {
        req.actor = resolved.actor;
        req.sessionCsrf = resolved.csrfToken;
        req.accountState = resolved.state;
        req.mustChangePassword = resolved.state.mustChangePassword;
      }
    }
    if (!req.routeOptions.url?.startsWith('/api/v1/') || req.routeOptions.config?.public) return;
    if (!req.actor) throw unauthenticated();
    if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== req.sessionCsrf) {
      throw new AppError(403, 'csrf', '请求缺少有效的 CSRF 令牌 (x-csrf-token)，请刷新页面后重试');
    }
    // A password change or the second factor's enrolment due first (accounts kernel).
    const gate = sessionGate(req.accountState, req.routeOptions.url);
    if (gate) throw gate;
  });
  // Refusals of signed-in callers (403, 404 out of scope, CSRF) go to the security log, for every route
  // at once; the log itself limits how many a caller writes a minute.
  app.addHook('onResponse', async (req, reply) => {
    if (
      !req.actor ||
      (reply.statusCode !== 403 && reply.statusCode !== 404) ||
      !req.url.startsWith('/api/v1/')
    )
      return;
    await recordRefusal(ctx, {
      actor: req.actor,
      method: req.method,
      route: req.routeOptions.url ?? req.url.split('?')[0],
      path: req.url.split('?')[0],
      status: reply.statusCode,
      code: req.refusalCode ?? (reply.statusCode === 404 ? 'not_found' : 'forbidden'),
    }).catch((e) => console.error(`[${new Date().toISOString()}] security log ${req.id}:`, e));
  });
  app.addHook('onClose', async () => {
    await flushSecurityLog(ctx).catch(() => {});
  });
  // Text that can't be stored and hashed as it was sent (NUL, lone UTF-16 surrogates) is refused, naming the field.
  app.addHook('preValidation', async (req) => {
    const parts = { params: req.params, querystring: req.query, body: req.body } as const;
    for (const [part, value] of Object.entries(parts)) {
      const bad = invalidTextPath(value);
      if (bad === null) continue;
      const schema = req.routeOptions.schema?.[part as keyof typeof parts] as ZodType | undefined;
      const name = bad ? (labelAt(schema, bad) ?? bad) : '请求';
      throw invalid({ [bad || '(请求)']: `${name}：包含无法保存的字符（空字符或不成对的代理项）` });
    }
  });
}

/** The built web app, when there is one; everything else not found is a Chinese 404. */
async function registerWeb(app: FastifyInstance, webDir: string | undefined) {
  const serveWeb = !!webDir && existsSync(join(webDir, 'index.html'));
  if (serveWeb) {
    // Files are looked up on each request (a rebuilt app needs no restart); other paths are SPA routes.
    await app.register(fastifyStatic, {
      root: webDir,
      // Built assets come with .br and .gz siblings (vite.config.ts); hashed names never change content.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.header(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (!serveWeb || req.method !== 'GET' || req.url.startsWith('/api/') || req.url.startsWith('/assets/')) {
      return reply.status(404).send({ code: 'not_found', message: '接口或文件不存在' });
    }
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });
}
