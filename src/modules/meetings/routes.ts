import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { AppError, invalid } from '../../platform/errors';
import { XLSX_TYPE } from '../../platform/excel';
import { fileResponse, sendDownload } from '../../platform/http';
import * as attachments from './attachments';
import * as compliance from './compliance';
import { exportCompliance } from './compliance-export';
import {
  attachmentItem,
  attachmentParams,
  cancelBody,
  complianceExportQuery,
  complianceQuery,
  complianceResponse,
  confirmMakeUpBody,
  createMeetingBody,
  emptyBody,
  exportQuery,
  followUpBody,
  followUpList,
  gradesExportQuery,
  leaveBody,
  listMeetingsQuery,
  makeUpBody,
  matrixQuery,
  matrixResponse,
  meetingDetail,
  meetingIdParams,
  meetingList,
  memberAttendanceResponse,
  memberRecordResponse,
  noContent,
  noticeList,
  personParams,
  recordableOrgs,
  reviewBody,
  reviewQueueQuery,
  revisionList,
  rosterQuery,
  rosterResponse,
  settingsBody,
  settingsResponse,
  signInBody,
  signInCodeResponse,
  todoResponse,
  updateMeetingBody,
} from './contract';
import { exportLedger } from './export';
import * as grades from './grades';
import * as lifecycle from './lifecycle';
import * as queries from './queries';
import * as review from './review';
import { listRevisions } from './revisions';
import * as roster from './roster';
import * as settings from './settings';
import * as own from './signin';
import * as todo from './todo';

const tags = ['meetings'];

/** The one uploaded file of a multipart request (field `file`). */
async function readUpload(req: FastifyRequest): Promise<{ fileName: string; data: Buffer }> {
  if (!req.isMultipart()) throw invalid({ file: '附件：请以 multipart/form-data 上传文件（字段名 file）' });
  try {
    const part = await req.file();
    if (part?.fieldname !== 'file') throw invalid({ file: '附件：没有收到文件（字段名 file）' });
    return { fileName: part.filename, data: await part.toBuffer() };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if ((e as { statusCode?: number }).statusCode === 413)
      throw new AppError(413, 'too_large', '附件：单个文件不能超过 10 MB');
    throw invalid({ file: '附件：上传内容不完整或不是有效的 multipart/form-data' });
  }
}

/** Lists, the to-do, notices, the roster and one meeting in full. */
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
  app.get(
    '/meetings/notices',
    { schema: { response: { 200: noticeList }, tags, summary: '会议通知：我应参加的计划中的会议' } },
    async (req) => todo.notices(ctx, actorOf(req)),
  );
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

/** The reviewer's decision, the cancellation of a plan, a member's sign-in. */
const decisionRoutes: FastifyPluginAsyncZod = async (app) => {
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
};

/** The ledger download and the attachments. */
const filesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/meetings/export',
    {
      schema: {
        querystring: exportQuery,
        response: { 200: fileResponse },
        tags,
        summary: '导出组织生活台账（.xlsx，范围和时间段同列表筛选）',
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exportLedger(ctx, actorOf(req), req.query);
      return sendDownload(reply, data, fileName, XLSX_TYPE);
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
  app.get(
    '/compliance/export',
    {
      schema: {
        querystring: complianceExportQuery,
        response: { 200: fileResponse },
        tags,
        summary: '导出组织生活落实情况（全部支部、按月矩阵、图例与依据，.xlsx）',
      },
    },
    async (req, reply) => {
      const year = req.query.year ?? Number(todayLocal().slice(0, 4));
      const { data, fileName } = await exportCompliance(ctx, actorOf(req), { ...req.query, year });
      return sendDownload(reply, data, fileName, XLSX_TYPE);
    },
  );
  app.post(
    '/meetings/:id/attachments',
    {
      schema: {
        params: meetingIdParams,
        response: { 201: attachmentItem },
        tags,
        summary: '上传附件（multipart 字段 file；照片、PDF、Word/Excel，≤ 10 MB）',
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      await attachments.authorizeUpload(ctx, actorOf(req), req.params.id);
      const upload = await readUpload(req);
      reply.status(201);
      return attachments.addAttachment(ctx, actorOf(req), req.params.id, upload);
    },
  );
  app.get(
    '/meetings/:id/attachments/:attachmentId',
    { schema: { params: attachmentParams, response: { 200: fileResponse }, tags, summary: '下载附件' } },
    async (req, reply) => {
      const { row, data } = await attachments.readAttachment(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.attachmentId,
      );
      reply.header('x-content-sha256', row.sha256);
      return sendDownload(reply, data, row.fileName, row.mimeType);
    },
  );
  app.delete(
    '/meetings/:id/attachments/:attachmentId',
    {
      schema: { params: attachmentParams, response: { 204: noContent }, tags, summary: '删除附件（仅草稿）' },
    },
    async (req, reply) => {
      await attachments.removeAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
      return reply.status(204).send(null);
    },
  );
};

/** Compliance and the local settings. */
const oversightRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/meetings/settings',
    { schema: { response: { 200: settingsResponse }, tags, summary: '组织生活的本单位设置与依据' } },
    async (req) => settings.getSettings(ctx, actorOf(req)),
  );
  app.patch(
    '/meetings/settings',
    {
      schema: {
        body: settingsBody,
        response: { 200: settingsResponse },
        tags,
        summary: '修改本单位设置（补录期限、党课频次、静默天数、标红阈值、学时、签到时段、优秀比例…）',
      },
    },
    async (req) => settings.updateSettings(ctx, actorOf(req), req.body),
  );
  app.get(
    '/compliance',
    {
      schema: {
        querystring: complianceQuery,
        response: { 200: complianceResponse },
        tags,
        summary: '组织生活落实情况（按支部、类型）',
      },
    },
    async (req) => compliance.compliance(ctx, actorOf(req), req.query),
  );
  app.get(
    '/compliance/attendance',
    {
      schema: {
        querystring: matrixQuery,
        response: { 200: memberAttendanceResponse },
        tags,
        summary: '党员个人出勤率（全年，免于参加的党员缺勤不计）',
      },
    },
    async (req) => compliance.memberAttendance(ctx, actorOf(req), req.query),
  );
  app.get(
    '/compliance/matrix',
    {
      schema: {
        querystring: matrixQuery,
        response: { 200: matrixResponse },
        tags,
        summary: '支部 × 月份矩阵与趋势',
      },
    },
    async (req) => compliance.complianceMatrix(ctx, actorOf(req), req.query),
  );
};

export const meetingsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(readingRoutes);
  await app.register(writingRoutes);
  await app.register(decisionRoutes);
  await app.register(filesRoutes);
  await app.register(oversightRoutes);
};
