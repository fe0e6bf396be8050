import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { AppError, invalid } from '../../platform/errors';
import { XLSX_TYPE } from '../../platform/excel';
import { fileResponse, sendDownload } from '../../platform/http';
import { importJob, importJobParams, importStarted, rosterExportQuery } from './contract';
import { exportRoster } from './roster-export';
import { assertCanImport, startImport, type UploadedFile } from './roster-import';
import { getImportJob } from './roster-jobs';
import { rosterTemplate } from './roster-template';

/** The one uploaded file of a multipart request (field `file`); the size limit is @fastify/multipart's. */
async function readUpload(req: FastifyRequest): Promise<UploadedFile> {
  if (!req.isMultipart()) throw invalid({ file: '请以 multipart/form-data 上传文件（字段名 file）' });
  try {
    const part = await req.file();
    if (part?.fieldname !== 'file') throw invalid({ file: '没有收到文件：请在字段 file 中上传 .xlsx 文件' });
    return { fileName: part.filename, data: await part.toBuffer() };
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (e instanceof AppError) throw e;
    if (status === 413) throw new AppError(413, 'too_large', '上传的文件过大，最大 20 MB');
    throw invalid({ file: '上传内容不完整或不是有效的 multipart/form-data' });
  }
}

export const rosterRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const tags = ['people'];

  app.get(
    '/people/import/template',
    { schema: { response: { 200: fileResponse }, tags, summary: '下载花名册导入模板（.xlsx）' } },
    async (req, reply) => {
      await assertCanImport(ctx, actorOf(req));
      return sendDownload(reply, await rosterTemplate(ctx, actorOf(req)), '花名册导入模板.xlsx', XLSX_TYPE);
    },
  );
  app.post(
    '/people/import',
    {
      schema: {
        response: { 202: importStarted },
        tags,
        summary: '上传花名册（multipart 字段 file，.xlsx，≤ 20 MB），返回导入任务编号',
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await assertCanImport(ctx, actor);
      const result = await startImport(ctx, actor, await readUpload(req));
      reply.status(202);
      return result;
    },
  );
  app.get(
    '/people/import/:jobId',
    {
      schema: {
        params: importJobParams,
        response: { 200: importJob },
        tags,
        summary: '导入任务进度与错误清单',
      },
    },
    async (req) => getImportJob(actorOf(req), req.params.jobId),
  );
  app.get(
    '/people/export',
    {
      schema: {
        querystring: rosterExportQuery,
        response: { 200: fileResponse },
        tags,
        summary: '导出花名册（.xlsx，范围与人员列表一致）',
      },
    },
    async (req, reply) => {
      const { reveal, ...filter } = req.query;
      const { data, fileName } = await exportRoster(ctx, actorOf(req), {
        ...filter,
        reveal: reveal === 'true',
      });
      return sendDownload(reply, data, fileName, XLSX_TYPE);
    },
  );
};
