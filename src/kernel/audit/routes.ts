import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { enforce } from '../../platform/policy';
import { auditCatalog } from './catalog';
import { auditCatalogResponse, auditList, auditListQuery, securityLog, securityLogQuery } from './contract';
import { listAuditEvents } from './events';
import { decideReadAuditLog } from './policy';
import { listSecurityEvents } from './security-log';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        querystring: auditListQuery,
        response: { 200: auditList },
        tags: ['audit'],
        summary: '审计日志（审计管理员）',
      },
    },
    async (req) => listAuditEvents(app.ctx, actorOf(req), req.query),
  );
  app.get(
    '/audit/catalog',
    {
      schema: {
        response: { 200: auditCatalogResponse },
        tags: ['audit'],
        summary: '审计日志的对象、操作与筛选类别（审计管理员）',
      },
    },
    async (req) => {
      enforce(decideReadAuditLog(actorOf(req)));
      return auditCatalog();
    },
  );
  app.get(
    '/security-log',
    {
      schema: {
        querystring: securityLogQuery,
        response: { 200: securityLog },
        tags: ['audit'],
        summary: '安全日志：被拒绝的请求（安全管理员）',
      },
    },
    async (req) => listSecurityEvents(app.ctx, actorOf(req), req.query),
  );
};
