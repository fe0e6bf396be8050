import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { XLSX_TYPE } from '../../platform/excel';
import { fileResponse, sendDownload } from '../../platform/http';
import * as c from './contract';
import { exportObligations, exportTalks } from './exports';
import { listObligations } from './obligations';
import * as talks from './talks';

const download = { 200: fileResponse };
const tags = ['talks'];
type App = Parameters<FastifyPluginAsyncZod>[0];

/** The talks owed after violations (safety's obligations) and their ledger. */
function obligationRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/talks/obligations',
    {
      schema: {
        querystring: c.obligationQuery,
        tags,
        summary: '两违谈话任务（待谈、已谈、逾期）',
        response: { 200: c.obligationList },
      },
    },
    async (req) => listObligations(ctx, actorOf(req), req.query),
  );
  app.get(
    '/talks/obligations/export',
    {
      schema: {
        querystring: c.obligationQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出两违谈话任务台账（Excel）',
        response: download,
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exportObligations(ctx, actorOf(req), req.query);
      return sendDownload(reply, data, fileName, XLSX_TYPE);
    },
  );
}

/** Talks: recorded, listed without contents, read one by one (audited), and their yearly coverage. */
function talkRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/talks/coverage',
    {
      schema: {
        querystring: c.coverageQuery,
        tags,
        summary: '年度谈心谈话覆盖率（按支部）',
        response: { 200: c.coverageAnswer },
      },
    },
    async (req) => talks.talkCoverage(ctx, actorOf(req), req.query),
  );
  app.get(
    '/talks/export',
    {
      schema: {
        querystring: c.talkListQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出谈心谈话台账（Excel，不含谈话内容）',
        response: download,
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exportTalks(ctx, actorOf(req), req.query);
      return sendDownload(reply, data, fileName, XLSX_TYPE);
    },
  );
  app.get(
    '/talks',
    {
      schema: {
        querystring: c.talkListQuery,
        tags,
        summary: '谈话记录列表（不含内容）',
        response: { 200: c.talkList },
      },
    },
    async (req) => talks.listTalks(ctx, actorOf(req), req.query),
  );
  app.post(
    '/talks',
    {
      schema: {
        body: c.createTalkBody,
        tags,
        summary: '记录一次谈话（有 violationId 时关闭对应谈话任务）',
        response: { 201: c.talkDetail },
      },
    },
    async (req, reply) => {
      const { id } = await talks.createTalk(ctx, actorOf(req), req.body);
      reply.status(201);
      // Echoing what the recorder just typed is not a read of someone's talk.
      return talks.getTalk(ctx, actorOf(req), id, false);
    },
  );
  app.get(
    '/talks/:id',
    {
      schema: {
        params: c.talkIdParams,
        tags,
        summary: '谈话详情（解密内容，记入审计）',
        response: { 200: c.talkDetail },
      },
    },
    async (req) => talks.getTalk(ctx, actorOf(req), req.params.id),
  );
}

/** Thin HTTP: validate (contract) → one use case → answer through the contract's response schema. */
export const talksRoutes: FastifyPluginAsyncZod = async (app) => {
  obligationRoutes(app);
  talkRoutes(app);
};
