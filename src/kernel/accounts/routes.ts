import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { okResponse } from '../../platform/http';
import { mePayload, meResponse } from '../../platform/me';
import * as accounts from './accounts';
import {
  accountList,
  accountListQuery,
  changePasswordBody,
  createAccountBody,
  createdResponse,
  disableBody,
  grantRoleBody,
  idParams,
  loginBody,
  loginOptionsResponse,
  resetPasswordBody,
  roleParams,
} from './contract';
import * as roles from './roles';
import * as sessions from './sessions';

const COOKIE = 'bl_session';

type App = Parameters<FastifyPluginAsyncZod>[0];

/** Logging in and out, the login page's options, the caller's own password. */
function authRoutes(app: App) {
  const { ctx } = app;

  // A successful login answers what `GET /me` answers (the platform's `meResponse`).
  app.post(
    '/auth/login',
    {
      schema: { body: loginBody, response: { 200: meResponse }, tags: ['auth'], summary: '登录' },
      config: {
        public: true,
        rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
    },
    async (req, reply) => {
      const result = await sessions.login(ctx, { ...req.body, ip: req.ip });
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
    {
      schema: { response: { 200: loginOptionsResponse }, tags: ['auth'], summary: '登录页选项（演示账号）' },
      config: { public: true },
    },
    async () => sessions.loginOptions(ctx),
  );

  app.post(
    '/auth/logout',
    { schema: { response: { 200: okResponse }, tags: ['auth'], summary: '退出登录' } },
    async (req, reply) => {
      await sessions.logout(ctx, actorOf(req), req.cookies[COOKIE]!);
      reply.clearCookie(COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/change-password',
    {
      schema: {
        body: changePasswordBody,
        response: { 200: okResponse },
        tags: ['auth'],
        summary: '修改密码',
      },
    },
    async (req) => {
      await accounts.changePassword(ctx, actorOf(req), req.body.oldPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );
}

/** The accounts: listed for both admins, kept by the system admin. */
function accountRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/accounts',
    {
      schema: {
        querystring: accountListQuery,
        response: { 200: accountList },
        tags: ['accounts'],
        summary: '账号列表',
      },
    },
    async (req) => accounts.listAccounts(ctx, actorOf(req), req.query),
  );
  app.post(
    '/accounts',
    {
      schema: {
        body: createAccountBody,
        response: { 201: createdResponse },
        tags: ['accounts'],
        summary: '创建账号',
      },
    },
    async (req, reply) => {
      const created = await accounts.createAccount(ctx, actorOf(req), req.body);
      reply.status(201);
      return created;
    },
  );
  app.post(
    '/accounts/:id/reset-password',
    {
      schema: {
        params: idParams,
        body: resetPasswordBody,
        response: { 200: okResponse },
        tags: ['accounts'],
        summary: '重置密码',
      },
    },
    async (req) => {
      await accounts.resetPassword(ctx, actorOf(req), req.params.id, req.body.password);
      return { ok: true as const };
    },
  );
  app.post(
    '/accounts/:id/disable',
    {
      schema: {
        params: idParams,
        body: disableBody,
        response: { 200: okResponse },
        tags: ['accounts'],
        summary: '停用或启用账号',
      },
    },
    async (req) => {
      await accounts.setDisabled(ctx, actorOf(req), req.params.id, req.body.disabled);
      return { ok: true as const };
    },
  );
}

/** The security admin's roles on accounts. */
function roleRoutes(app: App) {
  const { ctx } = app;
  app.post(
    '/accounts/:id/roles',
    {
      schema: {
        params: idParams,
        body: grantRoleBody,
        response: { 201: createdResponse },
        tags: ['accounts'],
        summary: '授予角色',
      },
    },
    async (req, reply) => {
      const granted = await roles.grantRole(ctx, actorOf(req), req.params.id, req.body.role, req.body.orgId);
      reply.status(201);
      return granted;
    },
  );
  app.delete(
    '/accounts/:id/roles/:roleId',
    {
      schema: { params: roleParams, response: { 200: okResponse }, tags: ['accounts'], summary: '收回角色' },
    },
    async (req) => {
      await roles.revokeRole(ctx, actorOf(req), req.params.id, req.params.roleId);
      return { ok: true as const };
    },
  );
}

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  authRoutes(app);
  accountRoutes(app);
  roleRoutes(app);
};
