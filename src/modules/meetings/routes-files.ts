import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { XLSX_TYPE } from '../../platform/excel';
import { readUpload, sendStoredFile } from '../../platform/file-store';
import { fileResponse, sendDownload } from '../../platform/http';
import * as attachments from './attachments';
import { attachmentItem, attachmentParams, exportQuery, meetingIdParams, noContent } from './contract';
import { exportLedger } from './export';

const tags = ['meetings'];

/** The ledger download and the attachments. */
export const filesRoutes: FastifyPluginAsyncZod = async (app) => {
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
      const row = await attachments.readableAttachment(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.attachmentId,
      );
      return sendStoredFile(ctx, reply, row);
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
