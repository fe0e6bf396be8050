import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { auditListQuery } from './contract';
import { listAuditEvents } from './service';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    { schema: { querystring: auditListQuery, tags: ['audit'], summary: '审计日志（审计管理员）' } },
    async (req) => listAuditEvents(app.ctx, actorOf(req), req.query),
  );
};
