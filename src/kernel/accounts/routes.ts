import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { mePayload } from '../../platform/me';
import {
  accountListQuery,
  changePasswordBody,
  createAccountBody,
  disableBody,
  grantRoleBody,
  idParams,
  loginBody,
  resetPasswordBody,
  roleParams,
} from './contract';
import * as service from './service';

const COOKIE = 'bl_session';

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.post(
    '/auth/login',
    {
      schema: { body: loginBody, tags: ['auth'], summary: '登录' },
      config: {
        public: true,
        rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
    },
    async (req, reply) => {
      const result = await service.login(ctx, { ...req.body, ip: req.ip });
      reply.setCookie(COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.secureCookies,
      });
      return mePayload(ctx, result.actor, result.mustChangePassword, result.csrfToken);
    },
  );

  app.get(
    '/auth/options',
    { schema: { tags: ['auth'], summary: '登录页选项（演示账号）' }, config: { public: true } },
    async () => service.loginOptions(ctx),
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (req, reply) => {
    await service.logout(ctx, actorOf(req), req.cookies[COOKIE]!);
    reply.clearCookie(COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post(
    '/auth/change-password',
    { schema: { body: changePasswordBody, tags: ['auth'], summary: '修改密码' } },
    async (req) => {
      await service.changePassword(ctx, actorOf(req), req.body.oldPassword, req.body.newPassword);
      return { ok: true };
    },
  );

  app.get(
    '/accounts',
    { schema: { querystring: accountListQuery, tags: ['accounts'], summary: '账号列表' } },
    async (req) => service.listAccounts(ctx, actorOf(req), req.query.page, req.query.pageSize, req.query.q),
  );
  app.post(
    '/accounts',
    { schema: { body: createAccountBody, tags: ['accounts'], summary: '创建账号' } },
    async (req, reply) => {
      reply.status(201);
      return service.createAccount(ctx, actorOf(req), req.body);
    },
  );
  app.post(
    '/accounts/:id/reset-password',
    { schema: { params: idParams, body: resetPasswordBody, tags: ['accounts'], summary: '重置密码' } },
    async (req) => {
      await service.resetPassword(ctx, actorOf(req), req.params.id, req.body.password);
      return { ok: true };
    },
  );
  app.post(
    '/accounts/:id/disable',
    { schema: { params: idParams, body: disableBody, tags: ['accounts'], summary: '停用或启用账号' } },
    async (req) => {
      await service.setDisabled(ctx, actorOf(req), req.params.id, req.body.disabled);
      return { ok: true };
    },
  );
  app.post(
    '/accounts/:id/roles',
    { schema: { params: idParams, body: grantRoleBody, tags: ['accounts'], summary: '授予角色' } },
    async (req, reply) => {
      reply.status(201);
      return service.grantRole(ctx, actorOf(req), req.params.id, req.body.role, req.body.orgId);
    },
  );
  app.delete(
    '/accounts/:id/roles/:roleId',
    { schema: { params: roleParams, tags: ['accounts'], summary: '收回角色' } },
    async (req) => {
      await service.revokeRole(ctx, actorOf(req), req.params.id, req.params.roleId);
      return { ok: true };
    },
  );
};
