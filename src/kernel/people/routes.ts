import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import {
  branchOnQuery,
  branchOnResult,
  createPersonBody,
  endPersonBody,
  peopleList,
  peopleListQuery,
  peopleStats,
  personDetail,
  personHistory as personHistorySchema,
  personIdParams,
  revealBody,
  revealResult,
  statsQuery,
  transferBody,
  updatePersonBody,
} from './contract';
import { createPerson, endPerson, revealField, updatePerson } from './persons';
import { branchOn, getPerson, listPeople, personHistory } from './queries';
import { rosterRoutes } from './roster-routes';
import { peopleStats as stats } from './stats';
import { transferPerson } from './transfers';

const tags = ['people'];

/** The list, the figures and one person's record, history and branch on a date. */
const readRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/people',
    {
      schema: {
        querystring: peopleListQuery,
        response: { 200: peopleList },
        tags,
        summary: '人员列表（调用者范围内，分页，按姓名拼音排序）',
      },
    },
    async (req) =>
      listPeople(ctx, actorOf(req), { ...req.query, includeEnded: req.query.includeEnded === 'true' }),
  );
  app.get(
    '/people/stats',
    { schema: { querystring: statsQuery, response: { 200: peopleStats }, tags, summary: '首页统计' } },
    async (req) => stats(ctx, actorOf(req), req.query.orgId),
  );
  app.get(
    '/people/:id',
    {
      schema: {
        params: personIdParams,
        response: { 200: personDetail },
        tags,
        summary: '人员详情（敏感字段脱敏）',
      },
    },
    async (req) => getPerson(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/people/:id/branch-on',
    {
      schema: {
        params: personIdParams,
        querystring: branchOnQuery,
        response: { 200: branchOnResult },
        tags,
        summary: '某日所在党支部',
      },
    },
    async (req) => branchOn(ctx, actorOf(req), req.params.id, req.query.date),
  );
  app.get(
    '/people/:id/history',
    {
      schema: {
        params: personIdParams,
        response: { 200: personHistorySchema },
        tags,
        summary: '人员变更历史',
      },
    },
    async (req) => personHistory(ctx, actorOf(req), req.params.id),
  );
};

/** Adding and changing people; each answers the record as it now is. */
const writeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.post(
    '/people',
    { schema: { body: createPersonBody, response: { 201: personDetail }, tags, summary: '新增人员' } },
    async (req, reply) => {
      const { id } = await createPerson(ctx, actorOf(req), req.body);
      reply.status(201);
      return getPerson(ctx, actorOf(req), id);
    },
  );
  app.patch(
    '/people/:id',
    {
      schema: {
        params: personIdParams,
        body: updatePersonBody,
        response: { 200: personDetail },
        tags,
        summary: '修改人员信息',
      },
    },
    async (req) => {
      await updatePerson(ctx, actorOf(req), req.params.id, req.body);
      return getPerson(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/people/:id/reveal',
    {
      schema: {
        params: personIdParams,
        body: revealBody,
        response: { 200: revealResult },
        tags,
        summary: '查看敏感字段明文（审计）',
      },
    },
    async (req) => revealField(ctx, actorOf(req), req.params.id, req.body.field),
  );
  app.post(
    '/people/:id/end',
    {
      schema: {
        params: personIdParams,
        body: endPersonBody,
        response: { 200: personDetail },
        tags,
        summary: '终止在册（离开、去世、转出）',
      },
    },
    async (req) => {
      await endPerson(ctx, actorOf(req), req.params.id, req.body.endedOn, req.body.endReason);
      return getPerson(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/people/:id/transfer',
    {
      schema: {
        params: personIdParams,
        body: transferBody,
        response: { 200: personDetail },
        tags,
        summary: '调整所在党支部',
      },
    },
    async (req) => {
      await transferPerson(ctx, actorOf(req), req.params.id, req.body.orgId, req.body.on);
      return getPerson(ctx, actorOf(req), req.params.id);
    },
  );
};

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(rosterRoutes);
  await app.register(readRoutes);
  await app.register(writeRoutes);
};
