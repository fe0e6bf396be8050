import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { sendXlsx } from '../safety/exports';
import { coverageQuery, createTalkBody, obligationQuery, talkIdParams, talkListQuery } from './contract';
import { exportObligations, exportTalks } from './exports';
import * as service from './service';

export const talksRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const tags = ['talks'];
  app.get(
    '/talks/obligations',
    { schema: { querystring: obligationQuery, tags, summary: '两违谈话任务（待谈、已谈、逾期）' } },
    async (req) => service.listObligations(ctx, actorOf(req), req.query),
  );
  app.get(
    '/talks/obligations/export',
    {
      schema: {
        querystring: obligationQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出两违谈话任务台账（Excel）',
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exportObligations(ctx, actorOf(req), req.query);
      return sendXlsx(reply, data, fileName);
    },
  );
  app.get(
    '/talks/coverage',
    { schema: { querystring: coverageQuery, tags, summary: '年度谈心谈话覆盖率（按支部）' } },
    async (req) => service.talkCoverage(ctx, actorOf(req), req.query),
  );
  app.get(
    '/talks/export',
    {
      schema: {
        querystring: talkListQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出谈心谈话台账（Excel，不含谈话内容）',
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exportTalks(ctx, actorOf(req), req.query);
      return sendXlsx(reply, data, fileName);
    },
  );
  app.get(
    '/talks',
    { schema: { querystring: talkListQuery, tags, summary: '谈话记录列表（不含内容）' } },
    async (req) => service.listTalks(ctx, actorOf(req), req.query),
  );
  app.post(
    '/talks',
    { schema: { body: createTalkBody, tags, summary: '记录一次谈话（有 violationId 时关闭对应谈话任务）' } },
    async (req, reply) => {
      const { id } = await service.createTalk(ctx, actorOf(req), req.body);
      reply.status(201);
      // Echoing what the recorder just typed is not a read of someone's talk.
      return service.getTalk(ctx, actorOf(req), id, false);
    },
  );
  app.get(
    '/talks/:id',
    { schema: { params: talkIdParams, tags, summary: '谈话详情（解密内容，记入审计）' } },
    async (req) => service.getTalk(ctx, actorOf(req), req.params.id),
  );
};
