import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { enforce } from '../../platform/policy';
import { auditCatalog } from './catalog';
import { auditCatalogResponse, auditList, auditListQuery } from './contract';
import { listAuditEvents } from './events';
import { decideReadAuditLog } from './policy';

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
};
