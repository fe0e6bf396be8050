import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import {
  branchOnQuery,
  createPersonBody,
  endPersonBody,
  peopleListQuery,
  personIdParams,
  revealBody,
  statsQuery,
  transferBody,
  updatePersonBody,
} from './contract';
import { rosterRoutes } from './roster-routes';
import * as service from './service';

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const tags = ['people'];
  await app.register(rosterRoutes);

  app.get(
    '/people',
    { schema: { querystring: peopleListQuery, tags, summary: '人员列表（调用者范围内，分页）' } },
    async (req) =>
      service.listPeople(ctx, actorOf(req), {
        ...req.query,
        includeEnded: req.query.includeEnded === 'true',
      }),
  );
  app.get('/people/stats', { schema: { querystring: statsQuery, tags, summary: '首页统计' } }, async (req) =>
    service.peopleStats(ctx, actorOf(req), req.query.orgId),
  );
  app.get(
    '/people/:id',
    { schema: { params: personIdParams, tags, summary: '人员详情（敏感字段脱敏）' } },
    async (req) => service.getPerson(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/people',
    { schema: { body: createPersonBody, tags, summary: '新增人员' } },
    async (req, reply) => {
      const { id } = await service.createPerson(ctx, actorOf(req), req.body);
      reply.status(201);
      return service.getPerson(ctx, actorOf(req), id);
    },
  );
  app.patch(
    '/people/:id',
    { schema: { params: personIdParams, body: updatePersonBody, tags, summary: '修改人员信息' } },
    async (req) => {
      await service.updatePerson(ctx, actorOf(req), req.params.id, req.body);
      return service.getPerson(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/people/:id/reveal',
    { schema: { params: personIdParams, body: revealBody, tags, summary: '查看敏感字段明文（审计）' } },
    async (req) => service.revealField(ctx, actorOf(req), req.params.id, req.body.field),
  );
  app.post(
    '/people/:id/end',
    {
      schema: { params: personIdParams, body: endPersonBody, tags, summary: '终止在册（离开、去世、转出）' },
    },
    async (req) => {
      await service.endPerson(ctx, actorOf(req), req.params.id, req.body.endedOn, req.body.endReason);
      return service.getPerson(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/people/:id/transfer',
    { schema: { params: personIdParams, body: transferBody, tags, summary: '调整所在党支部' } },
    async (req) => {
      await service.transferPerson(ctx, actorOf(req), req.params.id, req.body.orgId, req.body.on);
      return service.getPerson(ctx, actorOf(req), req.params.id);
    },
  );
  app.get(
    '/people/:id/branch-on',
    { schema: { params: personIdParams, querystring: branchOnQuery, tags, summary: '某日所在党支部' } },
    async (req) => service.branchOn(ctx, actorOf(req), req.params.id, req.query.date),
  );
  app.get(
    '/people/:id/history',
    { schema: { params: personIdParams, tags, summary: '人员变更历史' } },
    async (req) => service.personHistory(ctx, actorOf(req), req.params.id),
  );
};
