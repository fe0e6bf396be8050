import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { okResponse } from '../../platform/http';
import {
  createOrgBody,
  dissolveOrgBody,
  mergeOrgBody,
  mergeResult,
  moveOrgBody,
  orgDetail,
  orgIdParams,
  orgList,
  orgListQuery,
  updateOrgBody,
} from './contract';
import { createOrg, updateOrg } from './orgs';
import { dissolveOrg, mergeOrg, moveOrg } from './reorganize';
import { getOrg, listOrgs, listOrgsOn } from './tree';

const tags = ['orgs'];

/** The tree and one organization. */
const readRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/orgs',
    {
      schema: {
        querystring: orgListQuery,
        response: { 200: orgList },
        tags,
        summary: '组织树（调用者范围内）',
      },
    },
    async (req) => ({
      items: req.query.on
        ? await listOrgsOn(ctx, actorOf(req), req.query.on)
        : await listOrgs(ctx, actorOf(req), req.query.includeDissolved === 'true'),
    }),
  );
  app.get(
    '/orgs/:id',
    { schema: { params: orgIdParams, response: { 200: orgDetail }, tags, summary: '组织详情' } },
    async (req) => getOrg(ctx, actorOf(req), req.params.id),
  );
};

/** Setting up, changing and reorganizing organizations; each answers the organization as it now is. */
const writeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.post(
    '/orgs',
    { schema: { body: createOrgBody, response: { 201: orgDetail }, tags, summary: '新建下级组织' } },
    async (req, reply) => {
      const { id } = await createOrg(ctx, actorOf(req), req.body);
      reply.status(201);
      return getOrg(ctx, actorOf(req), id);
    },
  );
  app.patch(
    '/orgs/:id',
    {
      schema: {
        params: orgIdParams,
        body: updateOrgBody,
        response: { 200: orgDetail },
        tags,
        summary: '修改组织',
      },
    },
    async (req) => {
      await updateOrg(ctx, actorOf(req), req.params.id, req.body);
      return getOrg(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/orgs/:id/move',
    {
      schema: {
        params: orgIdParams,
        body: moveOrgBody,
        response: { 200: orgDetail },
        tags,
        summary: '调整隶属关系',
      },
    },
    async (req) => {
      await moveOrg(ctx, actorOf(req), req.params.id, req.body.parentId, req.body.on);
      return getOrg(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/orgs/:id/merge',
    {
      schema: {
        params: orgIdParams,
        body: mergeOrgBody,
        response: { 200: mergeResult },
        tags,
        summary: '合并党支部',
      },
    },
    async (req) => mergeOrg(ctx, actorOf(req), req.params.id, req.body.targetId, req.body.on),
  );
  app.post(
    '/orgs/:id/dissolve',
    {
      schema: {
        params: orgIdParams,
        body: dissolveOrgBody,
        response: { 200: okResponse },
        tags,
        summary: '撤销组织',
      },
    },
    async (req) => {
      await dissolveOrg(ctx, actorOf(req), req.params.id, req.body.on);
      return { ok: true as const };
    },
  );
};

export const orgsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(readRoutes);
  await app.register(writeRoutes);
};
