import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { XLSX_TYPE } from '../../platform/excel';
import { fileResponse, sendDownload } from '../../platform/http';
import * as c from './contract';
import * as hours from './hours';
import { getImportJob } from './import-jobs';
import * as imports from './imports';
import { myTraining } from './mine';
import { learningRoutes } from './routes-learning';
import * as settings from './settings';
import { trainingStats } from './stats';
import * as surveys from './surveys';
import { readUpload } from './uploads';

const tags = ['training'];
const download = { 200: fileResponse };

export const xlsx = (reply: FastifyReply, file: { data: Buffer; fileName: string }) =>
  sendDownload(reply, file.data, file.fileName, XLSX_TYPE);

/** The ledger, its statistics and export, the member's own page, imports of outside statistics. */
const hoursRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/training/hours',
    {
      schema: {
        querystring: c.hoursQuery,
        tags,
        summary: '学时台账：范围内党员的年度学时（分来源）与目标',
        response: { 200: c.hoursList },
      },
    },
    async (req) => hours.listHours(ctx, actorOf(req), req.query),
  );
  app.get(
    '/training/hours/export',
    {
      schema: { querystring: c.hoursExportQuery, tags, summary: '导出学时台账（Excel）', response: download },
    },
    async (req, reply) => xlsx(reply, await hours.exportHours(ctx, actorOf(req), req.query)),
  );
  app.get(
    '/training/hours/:personId',
    {
      schema: {
        params: c.personHoursParams,
        querystring: c.yearQuery,
        tags,
        summary: '个人学时明细（每一学时的来源）',
        response: { 200: c.personHours },
      },
    },
    async (req) => hours.personHours(ctx, actorOf(req), req.params.personId, req.query.year),
  );
  app.get(
    '/training/stats',
    {
      schema: {
        querystring: c.statsQuery,
        tags,
        summary: '培训统计：本级与下一级组织的学时、达标、必学、测试、出勤',
        response: { 200: c.trainingStats },
      },
    },
    async (req) => trainingStats(ctx, actorOf(req), req.query),
  );
  app.get(
    '/training/mine',
    {
      schema: {
        tags,
        summary: '我的学习：学时、培训班、必学、测试、调查、结业记录',
        response: { 200: c.myTraining },
      },
    },
    async (req) => myTraining(ctx, actorOf(req)),
  );
  app.get(
    '/training/imports',
    {
      schema: {
        querystring: c.importListQuery,
        tags,
        summary: '外部学习统计的导入记录',
        response: { 200: c.importList },
      },
    },
    async (req) => imports.listImports(ctx, actorOf(req), req.query),
  );
  app.get(
    '/training/imports/template',
    { schema: { tags, summary: '下载学时导入模板（.xlsx）', response: download } },
    async (req, reply) => {
      await imports.assertCanImport(ctx, actorOf(req));
      return xlsx(reply, { data: await imports.importTemplate(), fileName: '学习统计导入模板.xlsx' });
    },
  );
  app.post(
    '/training/imports',
    {
      schema: {
        querystring: c.importQuery,
        tags,
        summary: '导入学习强国/网络学院统计（multipart 字段 file，.xlsx），返回导入任务编号',
        consumes: ['multipart/form-data'],
        response: { 202: c.importStarted },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await imports.assertCanImport(ctx, actor);
      const { jobId } = await imports.startImport(ctx, actor, req.query, await readUpload(req));
      reply.status(202);
      return { jobId };
    },
  );
  app.get(
    '/training/imports/jobs/:jobId',
    {
      schema: {
        params: c.importJobParams,
        tags,
        summary: '导入任务进度与逐行错误',
        response: { 200: c.importJob },
      },
    },
    async (req) => getImportJob(actorOf(req), req.params.jobId),
  );
};

/** Needs surveys and the settings. */
const surveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/training/surveys',
    {
      schema: {
        querystring: c.surveyListQuery,
        tags,
        summary: '培训需求调查',
        response: { 200: c.surveyList },
      },
    },
    async (req) => surveys.listSurveys(ctx, actorOf(req), req.query),
  );
  app.post(
    '/training/surveys',
    {
      schema: {
        body: c.createSurveyBody,
        tags,
        summary: '发起培训需求调查（党委、党总支）',
        response: { 201: c.surveyDetail },
      },
    },
    async (req, reply) => {
      const { id } = await surveys.createSurvey(ctx, actorOf(req), req.body);
      reply.status(201);
      return surveys.getSurvey(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/training/surveys/:id',
    {
      schema: { params: c.idParams, tags, summary: '需求调查详情与汇总', response: { 200: c.surveyDetail } },
    },
    async (req) => surveys.getSurvey(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/training/surveys/:id/answers',
    {
      schema: {
        params: c.idParams,
        body: c.answerSurveyBody,
        tags,
        summary: '填写需求调查（截止前可修改）',
        response: { 200: c.surveyDetail },
      },
    },
    async (req) => surveys.answerSurvey(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/training/settings',
    {
      schema: {
        tags,
        summary: '培训设置（学时目标、积分折算等）',
        response: { 200: c.trainingSettingsAnswer },
      },
    },
    async (req) => settings.getSettings(ctx, actorOf(req)),
  );
  app.patch(
    '/training/settings',
    {
      schema: {
        body: c.settingsBody,
        tags,
        summary: '修改培训设置（党委管理员）',
        response: { 200: c.trainingSettingsAnswer },
      },
    },
    async (req) => settings.updateSettings(ctx, actorOf(req), req.body),
  );
};

export const trainingRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(hoursRoutes);
  await app.register(surveyRoutes);
  await app.register(learningRoutes);
};
