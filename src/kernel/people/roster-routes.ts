import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context';
import { AppError, invalid } from '../../platform/errors';
import { peopleListQuery } from './contract';
import * as roster from './roster-service';

export const rosterExportQuery = peopleListQuery.pick({ orgId: true, partyStatus: true, q: true }).extend({
  reveal: z.enum(['true', 'false'], { error: '是否导出明文应为 true 或 false' }).optional(),
});
export const importJobParams = z.object({ jobId: z.string().max(64, '导入任务编号无效') });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(reply: FastifyReply, data: Buffer, fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return reply
    .header('content-type', XLSX)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('cache-control', 'no-store')
    .send(data);
}

/** The one uploaded file of a multipart request (field `file`); the size limit is @fastify/multipart's. */
async function readUpload(req: FastifyRequest): Promise<roster.UploadedFile> {
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
    { schema: { tags, summary: '下载花名册导入模板（.xlsx）' } },
    async (req, reply) => {
      await roster.assertCanImport(ctx, actorOf(req));
      return sendXlsx(reply, await roster.rosterTemplate(ctx, actorOf(req)), '花名册导入模板.xlsx');
    },
  );
  app.post(
    '/people/import',
    {
      schema: {
        tags,
        summary: '上传花名册（multipart 字段 file，.xlsx，≤ 20 MB），返回导入任务编号',
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await roster.assertCanImport(ctx, actor);
      const result = await roster.startImport(ctx, actor, await readUpload(req));
      reply.status(202);
      return result;
    },
  );
  app.get(
    '/people/import/:jobId',
    { schema: { params: importJobParams, tags, summary: '导入任务进度与错误清单' } },
    async (req) => roster.getImportJob(actorOf(req), req.params.jobId),
  );
  app.get(
    '/people/export',
    { schema: { querystring: rosterExportQuery, tags, summary: '导出花名册（.xlsx，范围与人员列表一致）' } },
    async (req, reply) => {
      const { reveal, ...filter } = req.query;
      const { data, fileName } = await roster.exportRoster(ctx, actorOf(req), {
        ...filter,
        reveal: reveal === 'true',
      });
      return sendXlsx(reply, data, fileName);
    },
  );
};
