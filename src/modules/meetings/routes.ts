import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context';
import { AppError, invalid } from '../../platform/errors';
import { zUuid } from '../../platform/i18n';
import * as attachments from './attachments';
import {
  cancelBody,
  complianceQuery,
  createMeetingBody,
  listMeetingsQuery,
  matrixQuery,
  meetingIdParams,
  reviewBody,
  rosterQuery,
  settingsBody,
  updateMeetingBody,
} from './contract';
import { exportLedger } from './export';
import * as service from './service';

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

const attachmentParams = z.object({ id: zUuid, attachmentId: zUuid });

export const meetingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const tags = ['meetings'];

  app.get(
    '/meetings',
    { schema: { querystring: listMeetingsQuery, tags, summary: '组织生活记录列表（调用者范围内）' } },
    async (req) => service.listMeetings(ctx, actorOf(req), req.query),
  );
  app.get(
    '/meetings/review-queue',
    {
      schema: {
        querystring: listMeetingsQuery.pick({ page: true, pageSize: true }),
        tags,
        summary: '待我审核的记录',
      },
    },
    async (req) => service.listMeetings(ctx, actorOf(req), { ...req.query, queue: 'review' }),
  );
  app.get(
    '/meetings/export',
    {
      schema: {
        querystring: listMeetingsQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出组织生活台账（.xlsx，范围和时间段同列表筛选）',
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exportLedger(ctx, actorOf(req), req.query);
      const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        .header('cache-control', 'no-store')
        .send(data);
    },
  );
  app.get(
    '/meetings/todo',
    { schema: { tags, summary: '支部书记待办：本月应开、逾期、草稿、退回' } },
    async (req) => service.todo(ctx, actorOf(req)),
  );
  app.get(
    '/meetings/notices',
    { schema: { tags, summary: '会议通知：我应参加的计划中的会议' } },
    async (req) => service.notices(ctx, actorOf(req)),
  );
  app.get(
    '/meetings/roster',
    { schema: { querystring: rosterQuery, tags, summary: '某日的应到名单（预填出勤）' } },
    async (req) => service.roster(ctx, actorOf(req), req.query.orgId, req.query.date),
  );
  app.post(
    '/meetings',
    { schema: { body: createMeetingBody, tags, summary: '记录一次组织生活（草稿）' } },
    async (req, reply) => {
      const id = await service.createMeeting(ctx, actorOf(req), req.body);
      reply.status(201);
      return service.getMeeting(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/meetings/:id',
    { schema: { params: meetingIdParams, tags, summary: '会议记录详情' } },
    async (req) => service.getMeeting(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/meetings/:id',
    {
      schema: {
        params: meetingIdParams,
        body: updateMeetingBody,
        tags,
        summary: '修改会议记录（提交后须说明原因，形成修订记录）',
      },
    },
    async (req) => {
      await service.updateMeeting(ctx, actorOf(req), req.params.id, req.body);
      return service.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/meetings/:id/submit',
    { schema: { params: meetingIdParams, body: z.object({}).optional(), tags, summary: '提交上级审核' } },
    async (req) => {
      await service.submitMeeting(ctx, actorOf(req), req.params.id);
      return service.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/meetings/:id/review',
    { schema: { params: meetingIdParams, body: reviewBody, tags, summary: '审核：通过或退回' } },
    async (req) => {
      await service.reviewMeeting(ctx, actorOf(req), req.params.id, req.body);
      return service.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/meetings/:id/cancel',
    {
      schema: {
        params: meetingIdParams,
        body: cancelBody,
        tags,
        summary: '取消尚未召开的计划会议（须说明原因；记录保留）',
      },
    },
    async (req) => {
      await service.cancelMeeting(ctx, actorOf(req), req.params.id, req.body.reason);
      return service.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/meetings/:id/sign-in',
    {
      schema: {
        params: meetingIdParams,
        body: z.object({}).optional(),
        tags,
        summary: '本人签到（支部党员大会当天，按服务器时间记为出席）',
      },
    },
    async (req) => {
      await service.signIn(ctx, actorOf(req), req.params.id);
      return service.getMeeting(ctx, actorOf(req), req.params.id);
    },
  );
  app.get(
    '/meetings/:id/revisions',
    { schema: { params: meetingIdParams, tags, summary: '修订与审核记录' } },
    async (req) => service.listRevisions(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/meetings/:id/attachments',
    {
      schema: {
        params: meetingIdParams,
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
    { schema: { params: attachmentParams, tags, summary: '下载附件' } },
    async (req, reply) => {
      const { row, data } = await attachments.readAttachment(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.attachmentId,
      );
      const ascii = row.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
      return reply
        .header('content-type', row.mimeType)
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
        )
        .header('x-content-sha256', row.sha256)
        .header('cache-control', 'private, no-store')
        .send(data);
    },
  );
  app.delete(
    '/meetings/:id/attachments/:attachmentId',
    { schema: { params: attachmentParams, tags, summary: '删除附件（仅草稿）' } },
    async (req, reply) => {
      await attachments.removeAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
      return reply.status(204).send();
    },
  );
  app.get('/meetings/settings', { schema: { tags, summary: '组织生活的本单位设置与依据' } }, async (req) =>
    service.getSettings(ctx, actorOf(req)),
  );
  app.patch(
    '/meetings/settings',
    {
      schema: {
        body: settingsBody,
        tags,
        summary: '修改本单位设置（补录期限、党课频次、静默天数、排名开关）',
      },
    },
    async (req) => service.updateSettings(ctx, actorOf(req), req.body),
  );
  app.get(
    '/compliance',
    { schema: { querystring: complianceQuery, tags, summary: '组织生活落实情况（按支部、类型）' } },
    async (req) => service.compliance(ctx, actorOf(req), req.query),
  );
  app.get(
    '/compliance/attendance',
    { schema: { querystring: matrixQuery, tags, summary: '党员个人出勤率（全年，免于参加的党员缺勤不计）' } },
    async (req) => service.memberAttendance(ctx, actorOf(req), req.query),
  );
  app.get(
    '/compliance/matrix',
    { schema: { querystring: matrixQuery, tags, summary: '支部 × 月份矩阵与趋势' } },
    async (req) => service.complianceMatrix(ctx, actorOf(req), req.query),
  );
};
