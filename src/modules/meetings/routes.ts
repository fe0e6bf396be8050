import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import {
  cancelBody,
  createMeetingBody,
  emptyBody,
  listMeetingsQuery,
  meetingDetail,
  meetingIdParams,
  meetingList,
  noticeList,
  reviewBody,
  reviewQueueQuery,
  revisionList,
  todoResponse,
  updateMeetingBody,
} from './contract';
import * as lifecycle from './lifecycle';
import * as queries from './queries';
import * as review from './review';
import { listRevisions } from './revisions';
import { complianceRoutes } from './routes-compliance';
import { filesRoutes } from './routes-files';
import { gradesRoutes } from './routes-grades';
import { rollRoutes } from './routes-roll';
import * as todo from './todo';

const tags = ['meetings'];

/** Lists, the to-do, notices and one meeting in full, with its revisions. */
const readingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/meetings',
    {
      schema: {
        querystring: listMeetingsQuery,
        response: { 200: meetingList },
        tags,
        summary: '组织生活记录列表（调用者范围内）',
      },
    },
    async (req) => queries.listMeetings(ctx, actorOf(req), req.query),
  );
  app.get(
    '/meetings/review-queue',
    {
      schema: {
        querystring: reviewQueueQuery,
        response: { 200: meetingList },
        tags,
        summary: '待我审核的记录',
      },
    },
    async (req) => queries.listMeetings(ctx, actorOf(req), { ...req.query, queue: 'review' }),
  );
  app.get(
    '/meetings/todo',
    {
      schema: { response: { 200: todoResponse }, tags, summary: '支部书记待办：本月应开、逾期、草稿、退回' },
    },
    async (req) => todo.todo(ctx, actorOf(req)),
  );
  app.get(
    '/meetings/notices',
    { schema: { response: { 200: noticeList }, tags, summary: '会议通知：我应参加的计划中的会议' } },
    async (req) => todo.notices(ctx, actorOf(req)),
  );
  app.get(
    '/meetings/:id',
    { schema: { params: meetingIdParams, response: { 200: meetingDetail }, tags, summary: '会议记录详情' } },
    async (req) => queries.getMeeting(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/meetings/:id/revisions',
    { schema: { params: meetingIdParams, response: { 200: revisionList }, tags, summary: '修订与审核记录' } },
    async (req) => listRevisions(ctx, actorOf(req), req.params.id),
  );
};

/** Recording, changing and submitting a meeting; each answers the meeting as it now is. */
const writingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.post(
    '/meetings',
    {
      schema: {
        body: createMeetingBody,
        response: { 201: meetingDetail },
        tags,
        summary: '记录一次组织生活（草稿）',
      },
    },
    async (req, reply) => {
      const id = await lifecycle.createMeeting(ctx, actorOf(req), req.body);
      reply.status(201);
      return queries.getMeeting(ctx, actorOf(req), id);
    },
  );
  app.patch(
    '/meetings/:id',
    {
      schema: {
        params: meetingIdParams,
        body: updateMeetingBody,
        response: { 200: meetingDetail },
        tags,
        summary: '修改会议记录（提交后须说明原因，形成修订记录）',
      },
    },
    async (req) => {
      await lifecycle.updateMeeting(ctx, actorOf(req), req.params.id, req.body);
      return queries.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/meetings/:id/submit',
    {
      schema: {
        params: meetingIdParams,
        body: emptyBody,
        response: { 200: meetingDetail },
        tags,
        summary: '提交上级审核',
      },
    },
    async (req) => {
      await review.submitMeeting(ctx, actorOf(req), req.params.id);
      return queries.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
};

/** The reviewer's decision and the cancellation of a plan. */
const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.post(
    '/meetings/:id/review',
    {
      schema: {
        params: meetingIdParams,
        body: reviewBody,
        response: { 200: meetingDetail },
        tags,
        summary: '审核：通过或退回',
      },
    },
    async (req) => {
      await review.reviewMeeting(ctx, actorOf(req), req.params.id, req.body);
      return queries.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/meetings/:id/cancel',
    {
      schema: {
        params: meetingIdParams,
        body: cancelBody,
        response: { 200: meetingDetail },
        tags,
        summary: '取消尚未召开的计划会议（须说明原因；记录保留）',
      },
    },
    async (req) => {
      await review.cancelMeeting(ctx, actorOf(req), req.params.id, req.body.reason);
      return queries.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
};

/** The module's routes: the meeting record here; its roll, grades, files and compliance in routes-*.ts. */
export const meetingsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(readingRoutes);
  await app.register(writingRoutes);
  await app.register(reviewRoutes);
  await app.register(rollRoutes);
  await app.register(gradesRoutes);
  await app.register(filesRoutes);
  await app.register(complianceRoutes);
};
