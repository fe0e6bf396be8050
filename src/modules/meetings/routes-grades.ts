import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { XLSX_TYPE } from '../../platform/excel';
import { fileResponse, sendDownload } from '../../platform/http';
import { meetingDetail, meetingIdParams } from './contract';
import {
  followUpBody,
  followUpList,
  gradesExportQuery,
  memberRecordResponse,
  personParams,
} from './contract-grades';
import * as grades from './grades';
import * as queries from './queries';

const tags = ['meetings'];

/** 民主评议 grades: the follow-ups they call for, a member's record by year, the grades ledger. */
export const gradesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/meetings/follow-ups',
    {
      schema: {
        response: { 200: followUpList },
        tags,
        summary: '待跟进的民主评议等次（基本合格：谈心谈话；不合格：组织处置）',
      },
    },
    async (req) => ({ items: await grades.openFollowUps(ctx.db, actorOf(req)) }),
  );
  app.get(
    '/meetings/members/:personId',
    {
      schema: {
        params: personParams,
        response: { 200: memberRecordResponse },
        tags,
        summary: '党员组织生活档案（逐年出勤、民主评议等次）',
      },
    },
    async (req) => grades.memberRecord(ctx, actorOf(req), req.params.personId),
  );
  app.post(
    '/meetings/:id/follow-ups',
    {
      schema: {
        params: meetingIdParams,
        body: followUpBody,
        response: { 200: meetingDetail },
        tags,
        summary: '登记民主评议后的谈话或处置已完成（基本合格、不合格）',
      },
    },
    async (req) => {
      await grades.closeFollowUp(ctx, actorOf(req), req.params.id, req.body);
      return queries.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
  app.get(
    '/meetings/grades/export',
    {
      schema: {
        querystring: gradesExportQuery,
        response: { 200: fileResponse },
        tags,
        summary: '导出民主评议党员等次台账（.xlsx）',
      },
    },
    async (req, reply) => {
      const year = req.query.year ?? Number(todayLocal().slice(0, 4));
      const { data, fileName } = await grades.gradesLedger(ctx, actorOf(req), { ...req.query, year });
      return sendDownload(reply, data, fileName, XLSX_TYPE);
    },
  );
};
