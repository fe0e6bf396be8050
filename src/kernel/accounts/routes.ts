import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context';
import { okResponse } from '../../platform/http';
import { mePayload, meResponse } from '../../platform/me';
import * as accounts from './accounts';
import {
  accountList,
  accountListQuery,
  accountSettingsBody,
  accountSettingsResponse,
  changePasswordBody,
  createAccountBody,
  createdResponse,
  disableBody,
  grantRoleBody,
  idParams,
  loginBody,
  loginOptionsResponse,
  mfaCodeBody,
  mfaConfirmResponse,
  mfaEnrollResponse,
  passwordResetItem,
  passwordResetList,
  resetDecisionBody,
  resetIssued,
  resetListQuery,
  resetParams,
  resetPasswordBody,
  resetRequested,
  roleParams,
  unlockBody,
} from './contract';
import * as auth from './login';
import * as mfa from './mfa';
import * as resets from './resets';
import * as roles from './roles';
import * as settings from './settings';

const COOKIE = 'bl_session';
/** The pending second step of a login: httpOnly, only sent to the auth routes, gone in 5 minutes. */
const MFA_COOKIE = 'bl_mfa';

/** A login answers the session (what `GET /me` answers), or that the second factor is due. */
const loginResponse = z.union([meResponse, z.object({ mfaRequired: z.literal(true) })]);

type App = Parameters<FastifyPluginAsyncZod>[0];

/** Logging in (password, second factor, lifting a lock), out, and the login page's options. */
function loginRoutes(app: App) {
  const { ctx } = app;
  const rateLimit = { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' };
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.secureCookies,
  };
  const startSession = (reply: FastifyReply, result: auth.LoginResult) => {
    reply.setCookie(COOKIE, result.token, cookieOptions);
    return mePayload(ctx, result.actor, result.state, result.csrfToken);
  };

  // A successful login answers what `GET /me` answers (the platform's `meResponse`).
  app.post(
    '/auth/login',
    {
      schema: {
        body: loginBody,
        response: { 200: loginResponse },
        tags: ['auth'],
        summary: '登录（第一步：用户名和密码）',
      },
      config: { public: true, rateLimit },
    },
    async (req, reply) => {
      const outcome = await auth.login(ctx, { ...req.body, ip: req.ip });
      if (outcome.kind === 'mfa') {
        reply.setCookie(MFA_COOKIE, outcome.challenge, {
          ...cookieOptions,
          path: '/api/v1/auth',
          maxAge: 300,
        });
        return { mfaRequired: true as const };
      }
      return startSession(reply, outcome.session);
    },
  );
  app.post(
    '/auth/mfa',
    {
      schema: {
        body: mfaCodeBody,
        response: { 200: meResponse },
        tags: ['auth'],
        summary: '登录（第二步：两步验证码或恢复码）',
      },
      config: { public: true, rateLimit },
    },
    async (req, reply) => {
      const result = await auth.completeMfa(ctx, req.cookies[MFA_COOKIE], req.body.code, req.ip);
      reply.clearCookie(MFA_COOKIE, { path: '/api/v1/auth' });
      return startSession(reply, result);
    },
  );
  app.post(
    '/auth/unlock',
    {
      schema: {
        body: unlockBody,
        response: { 200: okResponse },
        tags: ['auth'],
        summary: '用两步验证码解除账号锁定',
      },
      config: { public: true, rateLimit },
    },
    async (req) => {
      await auth.unlockWithCode(ctx, req.body.username, req.body.code, req.ip);
      return { ok: true as const };
    },
  );
  app.get(
    '/auth/options',
    {
      schema: { response: { 200: loginOptionsResponse }, tags: ['auth'], summary: '登录页选项（演示账号）' },
      config: { public: true },
    },
    async () => auth.loginOptions(ctx),
  );
  app.post(
    '/auth/logout',
    { schema: { response: { 200: okResponse }, tags: ['auth'], summary: '退出登录' } },
    async (req, reply) => {
      await auth.logout(ctx, actorOf(req), req.cookies[COOKIE]!);
      reply.clearCookie(COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
}

/** The signed-in caller's own password and second factor. */
function selfRoutes(app: App) {
  const { ctx } = app;
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
      const { oldPassword, newPassword } = req.body;
      await accounts.changePassword(ctx, actorOf(req), req.cookies[COOKIE]!, oldPassword, newPassword);
      return { ok: true as const };
    },
  );
  app.post(
    '/auth/mfa/enroll',
    {
      schema: {
        response: { 200: mfaEnrollResponse },
        tags: ['auth'],
        summary: '启用两步验证：生成密钥和二维码地址',
      },
    },
    async (req) => mfa.enroll(ctx, actorOf(req)),
  );
  app.post(
    '/auth/mfa/confirm',
    {
      schema: {
        body: mfaCodeBody,
        response: { 200: mfaConfirmResponse },
        tags: ['auth'],
        summary: '启用两步验证：输入第一个验证码确认，返回恢复码（只显示一次）',
      },
    },
    async (req) => mfa.confirm(ctx, actorOf(req), req.body.code),
  );
}

/** The accounts: listed for both admins, kept by the system admin; the security policy. */
function accountRoutes(app: App) {
  const { ctx } = app;
  const tags = ['accounts'];
  app.get(
    '/accounts',
    { schema: { querystring: accountListQuery, response: { 200: accountList }, tags, summary: '账号列表' } },
    async (req) => accounts.listAccounts(ctx, actorOf(req), req.query),
  );
  app.post(
    '/accounts',
    { schema: { body: createAccountBody, response: { 201: createdResponse }, tags, summary: '创建账号' } },
    async (req, reply) => {
      const created = await accounts.createAccount(ctx, actorOf(req), req.body);
      reply.status(201);
      return created;
    },
  );
  app.post(
    '/accounts/:id/disable',
    {
      schema: {
        params: idParams,
        body: disableBody,
        response: { 200: okResponse },
        tags,
        summary: '停用或启用账号',
      },
    },
    async (req) => {
      await accounts.setDisabled(ctx, actorOf(req), req.params.id, req.body.disabled);
      return { ok: true as const };
    },
  );
  app.get(
    '/accounts/settings',
    {
      schema: { response: { 200: accountSettingsResponse }, tags, summary: '账号安全策略（密码、两步验证）' },
    },
    async (req) => settings.getAccountSettings(ctx, actorOf(req)),
  );
  app.put(
    '/accounts/settings',
    {
      schema: {
        body: accountSettingsBody,
        response: { 200: accountSettingsResponse },
        tags,
        summary: '修改账号安全策略（安全管理员）',
      },
    },
    async (req) => settings.updateAccountSettings(ctx, actorOf(req), req.body),
  );
}

/** Password resets: asked by the system admin, approved by the security admin, collected once. */
function resetRoutes(app: App) {
  const { ctx } = app;
  const tags = ['accounts'];
  app.post(
    '/accounts/:id/reset-password',
    {
      schema: {
        params: idParams,
        body: resetPasswordBody,
        response: { 200: resetRequested },
        tags,
        summary: '申请重置密码（需审批的等待安全管理员批准，其余立即生成临时密码）',
      },
    },
    async (req) => resets.requestReset(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/password-resets',
    {
      schema: {
        querystring: resetListQuery,
        response: { 200: passwordResetList },
        tags,
        summary: '密码重置申请',
      },
    },
    async (req) => resets.listResets(ctx, actorOf(req), req.query),
  );
  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/password-resets/:id/${decision}`,
      {
        schema: {
          params: resetParams,
          body: resetDecisionBody,
          response: { 200: passwordResetItem },
          tags,
          summary: decision === 'approve' ? '批准密码重置（安全管理员）' : '驳回密码重置（安全管理员）',
        },
      },
      async (req) =>
        resets.decideReset(ctx, actorOf(req), req.params.id, decision === 'approve', req.body.note),
    );
  }
  app.post(
    '/password-resets/:id/issue',
    {
      schema: {
        params: resetParams,
        response: { 200: resetIssued },
        tags,
        summary: '领取已批准重置的临时密码（只显示一次）',
      },
    },
    async (req) => resets.issueReset(ctx, actorOf(req), req.params.id),
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
  loginRoutes(app);
  selfRoutes(app);
  accountRoutes(app);
  resetRoutes(app);
  roleRoutes(app);
};
