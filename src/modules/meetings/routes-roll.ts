import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { meetingDetail, meetingIdParams } from './contract';
import {
  confirmMakeUpBody,
  leaveBody,
  makeUpBody,
  recordableOrgs,
  rosterQuery,
  rosterResponse,
  signInBody,
  signInCodeResponse,
} from './contract-roll';
import * as queries from './queries';
import * as roster from './roster';
import * as own from './signin';

const tags = ['meetings'];

/**
 * The roster of a day, the organizations one may record for, and members' own part: signing in, leave,
 * making up.
 */
export const rollRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/meetings/recordable',
    {
      schema: {
        response: { 200: recordableOrgs },
        tags,
        summary: '我可以记录会议的组织（本支部及其党小组）',
      },
    },
    async (req) => roster.recordableOrgs(ctx.db, actorOf(req)),
  );
  app.get(
    '/meetings/roster',
    {
      schema: {
        querystring: rosterQuery,
        response: { 200: rosterResponse },
        tags,
        summary: '某日的应到名单（预填出勤）',
      },
    },
    async (req) => roster.roster(ctx, actorOf(req), req.query.orgId, req.query.date),
  );
  app.post(
    '/meetings/:id/sign-in',
    {
      schema: {
        params: meetingIdParams,
        body: signInBody,
        response: { 200: meetingDetail },
        tags,
        summary: '本人签到（会议当天开始前后的签到时段内，或凭书记出示的签到码；按服务器时间记为出席）',
      },
    },
    async (req) => {
      await own.signIn(ctx, actorOf(req), req.params.id, req.body?.code);
      return queries.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
  app.get(
    '/meetings/:id/sign-in-code',
    {
      schema: {
        params: meetingIdParams,
        response: { 200: signInCodeResponse },
        tags,
        summary: '当天的签到码（书记出示，党员扫码或输入）',
      },
    },
    async (req) => own.showSignInCode(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/meetings/:id/leave',
    {
      schema: {
        params: meetingIdParams,
        body: leaveBody,
        response: { 200: meetingDetail },
        tags,
        summary: '本人请假（会议开始前，须说明原因）',
      },
    },
    async (req) => {
      await own.requestLeave(ctx, actorOf(req), req.params.id, req.body.reason);
      return queries.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/meetings/:id/make-up',
    {
      schema: {
        params: meetingIdParams,
        body: makeUpBody,
        response: { 200: meetingDetail },
        tags,
        summary: '本人登记补学（缺席或请假的会议）',
      },
    },
    async (req) => {
      await own.reportMakeUp(ctx, actorOf(req), req.params.id, req.body);
      return queries.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/meetings/:id/make-up/confirm',
    {
      schema: {
        params: meetingIdParams,
        body: confirmMakeUpBody,
        response: { 200: meetingDetail },
        tags,
        summary: '书记确认党员补学',
      },
    },
    async (req) => {
      await own.confirmMakeUp(ctx, actorOf(req), req.params.id, req.body.personId);
      return queries.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
};
