import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import * as analyses from './analyses';
import {
  analysisListQuery,
  analysisQuery,
  boardQuery,
  candidatesQuery,
  closeAnalysisBody,
  completeProjectBody,
  createAnalysisBody,
  createNoticeBody,
  createProjectBody,
  createViolationBody,
  createWeakPersonBody,
  endWeakBody,
  followupBody,
  idParams,
  noticeListQuery,
  projectListQuery,
  projectUpdateBody,
  settingsBody,
  violationListQuery,
  weakListQuery,
} from './contract';
import * as exports from './exports';
import * as mentoring from './mentoring';
import * as notices from './notices';
import * as projects from './projects';
import * as service from './service';

export const safetyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const tags = ['safety'];

  app.get(
    '/violations/categories',
    { schema: { tags, summary: '违章违纪类别（及严重程度、来源）' } },
    async (req) => service.violationMeta(ctx, actorOf(req)),
  );
  app.get(
    '/violations',
    { schema: { querystring: violationListQuery, tags, summary: '违章违纪列表（调用者范围内）' } },
    async (req) => service.listViolations(ctx, actorOf(req), req.query),
  );
  app.post(
    '/violations',
    { schema: { body: createViolationBody, tags, summary: '录入违章违纪（同时生成谈话任务）' } },
    async (req, reply) => {
      const { id } = await service.createViolation(ctx, actorOf(req), req.body);
      reply.status(201);
      return service.getViolation(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/violations/export',
    {
      schema: {
        querystring: violationListQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出违章违纪台账（Excel）',
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exports.exportViolations(ctx, actorOf(req), req.query);
      return exports.sendXlsx(reply, data, fileName);
    },
  );
  app.get('/violations/:id', { schema: { params: idParams, tags, summary: '违章违纪详情' } }, async (req) =>
    service.getViolation(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/safety/analysis',
    { schema: { querystring: analysisQuery, tags, summary: '安全分析：按支部统计违章数和百人违章率' } },
    async (req) => service.safetyAnalysis(ctx, actorOf(req), req.query),
  );
  app.get(
    '/safety/board',
    { schema: { querystring: boardQuery, tags, summary: '安全看板（趋势、类别、预警支部、逾期事项）' } },
    async (req) => service.safetyBoard(ctx, actorOf(req), req.query),
  );
  app.get('/safety/todo', { schema: { tags, summary: '待办：到期的两违谈话和帮教' } }, async (req) =>
    service.safetyTodo(ctx, actorOf(req)),
  );
  app.get('/safety/settings', { schema: { tags, summary: '安全设置（类别、阈值、期限）' } }, async (req) =>
    service.getSettings(ctx, actorOf(req)),
  );
  app.put(
    '/safety/settings',
    { schema: { body: settingsBody, tags, summary: '修改安全设置（党委管理员）' } },
    async (req) => service.updateSettings(ctx, actorOf(req), req.body),
  );

  app.get(
    '/safety/notices',
    { schema: { querystring: noticeListQuery, tags, summary: '两违通报列表' } },
    async (req) => notices.listNotices(ctx, actorOf(req), req.query),
  );
  app.post(
    '/safety/notices',
    { schema: { body: createNoticeBody, tags, summary: '发布两违通报（党委、党总支）' } },
    async (req, reply) => {
      const { id } = await notices.createNotice(ctx, actorOf(req), req.body);
      reply.status(201);
      return notices.getNotice(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/safety/notices/export',
    {
      schema: {
        querystring: noticeListQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出两违通报列表（Excel）',
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exports.exportNotices(ctx, actorOf(req), req.query);
      return exports.sendXlsx(reply, data, fileName);
    },
  );
  app.get(
    '/safety/notices/:id',
    { schema: { params: idParams, tags, summary: '通报详情与阅读回执' } },
    async (req) => notices.getNotice(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/safety/notices/:id/export',
    { schema: { params: idParams, tags, summary: '导出通报及阅读回执（Excel）' } },
    async (req, reply) => {
      const { data, fileName } = await exports.exportNotice(ctx, actorOf(req), req.params.id);
      return exports.sendXlsx(reply, data, fileName);
    },
  );
  app.post(
    '/safety/notices/:id/read',
    { schema: { params: idParams, tags, summary: '支部确认已阅通报' } },
    async (req) => {
      await notices.markRead(ctx, actorOf(req), req.params.id);
      return notices.getNotice(ctx, actorOf(req), req.params.id);
    },
  );

  app.get(
    '/safety/analyses',
    { schema: { querystring: analysisListQuery, tags, summary: '支部安全剖析列表' } },
    async (req) => analyses.listAnalyses(ctx, actorOf(req), req.query),
  );
  app.post(
    '/safety/analyses',
    { schema: { body: createAnalysisBody, tags, summary: '支部提交安全剖析' } },
    async (req, reply) => {
      const { id } = await analyses.createAnalysis(ctx, actorOf(req), req.body);
      reply.status(201);
      return analyses.getAnalysis(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/safety/analyses/export',
    {
      schema: {
        querystring: analysisListQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出安全剖析台账（Excel）',
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exports.exportAnalyses(ctx, actorOf(req), req.query);
      return exports.sendXlsx(reply, data, fileName);
    },
  );
  app.get('/safety/analyses/:id', { schema: { params: idParams, tags, summary: '剖析详情' } }, async (req) =>
    analyses.getAnalysis(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/safety/analyses/:id/close',
    { schema: { params: idParams, body: closeAnalysisBody, tags, summary: '上级确认剖析整改闭环' } },
    async (req) => {
      await analyses.closeAnalysis(ctx, actorOf(req), req.params.id, req.body);
      return analyses.getAnalysis(ctx, actorOf(req), req.params.id);
    },
  );

  app.get(
    '/safety/weak-persons',
    { schema: { querystring: weakListQuery, tags, summary: '薄弱人包保列表' } },
    async (req) => mentoring.listWeakPersons(ctx, actorOf(req), req.query),
  );
  app.get(
    '/safety/weak-persons/export',
    {
      schema: {
        querystring: weakListQuery.pick({ orgId: true }),
        tags,
        summary: '导出薄弱人包保台账（Excel）',
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exports.exportWeakPersons(ctx, actorOf(req), req.query);
      return exports.sendXlsx(reply, data, fileName);
    },
  );
  app.get(
    '/safety/weak-persons/candidates',
    { schema: { querystring: candidatesQuery, tags, summary: '按规则建议的薄弱人' } },
    async (req) => mentoring.weakCandidates(ctx, actorOf(req), req.query),
  );
  app.post(
    '/safety/weak-persons',
    { schema: { body: createWeakPersonBody, tags, summary: '确定薄弱人并指定包保党员' } },
    async (req, reply) => {
      const { id } = await mentoring.createWeakPerson(ctx, actorOf(req), req.body);
      reply.status(201);
      return mentoring.getWeakPerson(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/safety/weak-persons/:id',
    { schema: { params: idParams, tags, summary: '包保详情' } },
    async (req) => mentoring.getWeakPerson(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/safety/weak-persons/:id/followups',
    { schema: { params: idParams, body: followupBody, tags, summary: '记录月度帮教' } },
    async (req, reply) => {
      await mentoring.addFollowup(ctx, actorOf(req), req.params.id, req.body);
      reply.status(201);
      return mentoring.getWeakPerson(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/safety/weak-persons/:id/end',
    { schema: { params: idParams, body: endWeakBody, tags, summary: '结束包保（转化结果）' } },
    async (req) => {
      await mentoring.endWeakPerson(ctx, actorOf(req), req.params.id, req.body);
      return mentoring.getWeakPerson(ctx, actorOf(req), req.params.id);
    },
  );

  app.get(
    '/safety/projects',
    { schema: { querystring: projectListQuery, tags, summary: '重点攻关项目列表' } },
    async (req) => projects.listProjects(ctx, actorOf(req), req.query),
  );
  app.post(
    '/safety/projects',
    { schema: { body: createProjectBody, tags, summary: '立项重点攻关' } },
    async (req, reply) => {
      const { id } = await projects.createProject(ctx, actorOf(req), req.body);
      reply.status(201);
      return projects.getProject(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/safety/projects/export',
    {
      schema: {
        querystring: projectListQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出重点攻关台账（Excel）',
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exports.exportProjects(ctx, actorOf(req), req.query);
      return exports.sendXlsx(reply, data, fileName);
    },
  );
  app.get(
    '/safety/projects/:id',
    { schema: { params: idParams, tags, summary: '攻关项目详情' } },
    async (req) => projects.getProject(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/safety/projects/:id/updates',
    { schema: { params: idParams, body: projectUpdateBody, tags, summary: '记录攻关进展' } },
    async (req, reply) => {
      await projects.addProjectUpdate(ctx, actorOf(req), req.params.id, req.body);
      reply.status(201);
      return projects.getProject(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/safety/projects/:id/complete',
    { schema: { params: idParams, body: completeProjectBody, tags, summary: '攻关结项（成果与评价）' } },
    async (req) => {
      await projects.completeProject(ctx, actorOf(req), req.params.id, req.body);
      return projects.getProject(ctx, actorOf(req), req.params.id);
    },
  );
};
