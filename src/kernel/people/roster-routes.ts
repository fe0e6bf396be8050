import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { AppError, invalid } from '../../platform/errors';
import { XLSX_TYPE } from '../../platform/excel';
import { fileResponse, sendDownload } from '../../platform/http';
import {
  importJob,
  importJobParams,
  importStarted,
  rosterExportClearBody,
  rosterExportQuery,
} from './contract';
import { exportRoster } from './roster-export';
import { assertCanImport, startImport, type UploadedFile } from './roster-import';
import { getImportJob } from './roster-jobs';
import { rosterTemplate } from './roster-template';
import {
  getPeopleSettings,
  peopleSettingsBody,
  peopleSettingsResponse,
  updatePeopleSettings,
} from './settings';

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
      if (reveal === 'true')
        throw invalid({
          reveal:
            '导出明文：须说明原因并有导出明文的权限，请使用“导出明文”（POST /api/v1/people/export-clear）',
        });
      const { data, fileName } = await exportRoster(ctx, actorOf(req), filter);
      return sendDownload(reply, data, fileName, XLSX_TYPE);
    },
  );
  app.post(
    '/people/export-clear',
    {
      schema: {
        body: rosterExportClearBody,
        response: { 200: fileResponse },
        tags,
        summary: '导出明文名册（单独权限，须填写原因，记录导出的每个人）',
      },
    },
    async (req, reply) => {
      const { reason, ...filter } = req.body;
      const { data, fileName } = await exportRoster(ctx, actorOf(req), filter, { reason });
      return sendDownload(reply, data, fileName, XLSX_TYPE);
    },
  );
  app.get(
    '/people/settings',
    {
      schema: { response: { 200: peopleSettingsResponse }, tags, summary: '名册导出策略（安全管理员）' },
    },
    async (req) => getPeopleSettings(ctx, actorOf(req)),
  );
  app.put(
    '/people/settings',
    {
      schema: {
        body: peopleSettingsBody,
        response: { 200: peopleSettingsResponse },
        tags,
        summary: '修改名册导出策略（安全管理员）',
      },
    },
    async (req) => updatePeopleSettings(ctx, actorOf(req), req.body),
  );
};
