import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import {
  createOrgBody,
  dissolveOrgBody,
  mergeOrgBody,
  moveOrgBody,
  orgIdParams,
  orgListQuery,
  updateOrgBody,
} from './contract';
import * as service from './service';

export const orgsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const tags = ['orgs'];

  app.get(
    '/orgs',
    { schema: { querystring: orgListQuery, tags, summary: '组织树（调用者范围内）' } },
    async (req) => ({
      items: req.query.on
        ? await service.listOrgsOn(ctx, actorOf(req), req.query.on)
        : await service.listOrgs(ctx, actorOf(req), req.query.includeDissolved === 'true'),
    }),
  );
  app.get('/orgs/:id', { schema: { params: orgIdParams, tags, summary: '组织详情' } }, async (req) =>
    service.getOrg(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/orgs',
    { schema: { body: createOrgBody, tags, summary: '新建下级组织' } },
    async (req, reply) => {
      const { id } = await service.createOrg(ctx, actorOf(req), req.body);
      reply.status(201);
      return service.getOrg(ctx, actorOf(req), id);
    },
  );
  app.patch(
    '/orgs/:id',
    { schema: { params: orgIdParams, body: updateOrgBody, tags, summary: '修改组织' } },
    async (req) => {
      await service.updateOrg(ctx, actorOf(req), req.params.id, req.body);
      return service.getOrg(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/orgs/:id/move',
    { schema: { params: orgIdParams, body: moveOrgBody, tags, summary: '调整隶属关系' } },
    async (req) => {
      await service.moveOrg(ctx, actorOf(req), req.params.id, req.body.parentId, req.body.on);
      return service.getOrg(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/orgs/:id/merge',
    { schema: { params: orgIdParams, body: mergeOrgBody, tags, summary: '合并党支部' } },
    async (req) => service.mergeOrg(ctx, actorOf(req), req.params.id, req.body.targetId, req.body.on),
  );
  app.post(
    '/orgs/:id/dissolve',
    { schema: { params: orgIdParams, body: dissolveOrgBody, tags, summary: '撤销组织' } },
    async (req) => {
      await service.dissolveOrg(ctx, actorOf(req), req.params.id, req.body.on);
      return { ok: true };
    },
  );
};
