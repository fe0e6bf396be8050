import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { AppError, invalid } from '../../platform/errors';
import { XLSX_TYPE } from '../../platform/excel';
import { fileResponse, sendDownload } from '../../platform/http';
import * as attachments from './attachments';
import { attachmentItem, attachmentParams, exportQuery, meetingIdParams, noContent } from './contract';
import { exportLedger } from './export';

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
