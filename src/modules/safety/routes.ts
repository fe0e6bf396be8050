import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { XLSX_TYPE } from '../../platform/excel';
import { fileResponse, sendDownload } from '../../platform/http';
import * as analyses from './analyses';
import * as board from './board';
import * as c from './contract';
import * as exports from './exports';
import * as mentoring from './mentoring';
import * as notices from './notices';
import * as projects from './projects';
import * as settings from './settings';
import { safetyTodo } from './todo';
import * as violations from './violations';

const download = { 200: fileResponse };
const tags = ['safety'];

type App = Parameters<FastifyPluginAsyncZod>[0];
type Reply = Parameters<typeof sendDownload>[0];
const xlsx = (file: { data: Buffer; fileName: string }, reply: Reply) =>
  sendDownload(reply, file.data, file.fileName, XLSX_TYPE);

/** 两违: the records and their categories. */
function violationRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/violations/categories',
    { schema: { tags, summary: '违章违纪类别（及严重程度、来源）', response: { 200: c.violationMeta } } },
    async (req) => violations.violationMeta(ctx, actorOf(req)),
  );
  app.get(
    '/violations',
    {
      schema: {
        querystring: c.violationListQuery,
        tags,
        summary: '违章违纪列表（调用者范围内）',
        response: { 200: c.violationList },
      },
    },
    async (req) => violations.listViolations(ctx, actorOf(req), req.query),
  );
  app.post(
    '/violations',
    {
      schema: {
        body: c.createViolationBody,
        tags,
        summary: '录入违章违纪（同时生成谈话任务）',
        response: { 201: c.violation },
      },
    },
    async (req, reply) => {
      const { id } = await violations.createViolation(ctx, actorOf(req), req.body);
      reply.status(201);
      return violations.getViolation(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/violations/export',
    {
      schema: {
        querystring: c.violationListQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出违章违纪台账（Excel）',
        response: download,
      },
    },
    async (req, reply) => xlsx(await exports.exportViolations(ctx, actorOf(req), req.query), reply),
  );
  app.get(
    '/violations/:id',
    { schema: { params: c.idParams, tags, summary: '违章违纪详情', response: { 200: c.violation } } },
    async (req) => violations.getViolation(ctx, actorOf(req), req.params.id),
  );
}

/** The analysis, the board, the to-do and the settings. */
function boardRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/safety/analysis',
    {
      schema: {
        querystring: c.analysisQuery,
        tags,
        summary: '安全分析：按支部统计违章数和百人违章率',
        response: { 200: c.safetyAnalysis },
      },
    },
    async (req) => board.safetyAnalysis(ctx, actorOf(req), req.query),
  );
  app.get(
    '/safety/board',
    {
      schema: {
        querystring: c.boardQuery,
        tags,
        summary: '安全看板（趋势、类别、预警支部、逾期事项）',
        response: { 200: c.safetyBoard },
      },
    },
    async (req) => board.safetyBoard(ctx, actorOf(req), req.query),
  );
  app.get(
    '/safety/todo',
    { schema: { tags, summary: '待办：到期的两违谈话和帮教', response: { 200: c.safetyTodo } } },
    async (req) => safetyTodo(ctx, actorOf(req)),
  );
  app.get(
    '/safety/settings',
    { schema: { tags, summary: '安全设置（类别、阈值、期限）', response: { 200: c.safetySettings } } },
    async (req) => settings.getSettings(ctx, actorOf(req)),
  );
  app.put(
    '/safety/settings',
    {
      schema: {
        body: c.settingsBody,
        tags,
        summary: '修改安全设置（党委管理员）',
        response: { 200: c.safetySettings },
      },
    },
    async (req) => settings.updateSettings(ctx, actorOf(req), req.body),
  );
}

/** 两违通报 with read receipts. */
function noticeRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/safety/notices',
    {
      schema: {
        querystring: c.noticeListQuery,
        tags,
        summary: '两违通报列表',
        response: { 200: c.noticeList },
      },
    },
    async (req) => notices.listNotices(ctx, actorOf(req), req.query),
  );
  app.post(
    '/safety/notices',
    {
      schema: {
        body: c.createNoticeBody,
        tags,
        summary: '发布两违通报（党委、党总支）',
        response: { 201: c.noticeDetail },
      },
    },
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
        querystring: c.noticeListQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出两违通报列表（Excel）',
        response: download,
      },
    },
    async (req, reply) => xlsx(await exports.exportNotices(ctx, actorOf(req), req.query), reply),
  );
  app.get(
    '/safety/notices/:id',
    {
      schema: { params: c.idParams, tags, summary: '通报详情与阅读回执', response: { 200: c.noticeDetail } },
    },
    async (req) => notices.getNotice(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/safety/notices/:id/export',
    { schema: { params: c.idParams, tags, summary: '导出通报及阅读回执（Excel）', response: download } },
    async (req, reply) => xlsx(await exports.exportNotice(ctx, actorOf(req), req.params.id), reply),
  );
  app.post(
    '/safety/notices/:id/read',
    { schema: { params: c.idParams, tags, summary: '支部确认已阅通报', response: { 200: c.noticeDetail } } },
    async (req) => {
      await notices.markRead(ctx, actorOf(req), req.params.id);
      return notices.getNotice(ctx, actorOf(req), req.params.id);
    },
  );
}

/** 安全剖析: written by the branch, closed by its superior. */
function analysisRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/safety/analyses',
    {
      schema: {
        querystring: c.analysisListQuery,
        tags,
        summary: '支部安全剖析列表',
        response: { 200: c.analysisList },
      },
    },
    async (req) => analyses.listAnalyses(ctx, actorOf(req), req.query),
  );
  app.post(
    '/safety/analyses',
    {
      schema: {
        body: c.createAnalysisBody,
        tags,
        summary: '支部提交安全剖析',
        response: { 201: c.analysis },
      },
    },
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
        querystring: c.analysisListQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出安全剖析台账（Excel）',
        response: download,
      },
    },
    async (req, reply) => xlsx(await exports.exportAnalyses(ctx, actorOf(req), req.query), reply),
  );
  app.get(
    '/safety/analyses/:id',
    { schema: { params: c.idParams, tags, summary: '剖析详情', response: { 200: c.analysis } } },
    async (req) => analyses.getAnalysis(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/safety/analyses/:id/close',
    {
      schema: {
        params: c.idParams,
        body: c.closeAnalysisBody,
        tags,
        summary: '上级确认剖析整改闭环',
        response: { 200: c.analysis },
      },
    },
    async (req) => {
      await analyses.closeAnalysis(ctx, actorOf(req), req.params.id, req.body);
      return analyses.getAnalysis(ctx, actorOf(req), req.params.id);
    },
  );
}

/** 薄弱人包保: the cases, their ledger and the rule's proposals. */
function mentoringRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/safety/weak-persons',
    {
      schema: {
        querystring: c.weakListQuery,
        tags,
        summary: '薄弱人包保列表',
        response: { 200: c.weakPersonList },
      },
    },
    async (req) => mentoring.listWeakPersons(ctx, actorOf(req), req.query),
  );
  app.get(
    '/safety/weak-persons/export',
    {
      schema: {
        querystring: c.weakListQuery.pick({ orgId: true }),
        tags,
        summary: '导出薄弱人包保台账（Excel）',
        response: download,
      },
    },
    async (req, reply) => xlsx(await exports.exportWeakPersons(ctx, actorOf(req), req.query), reply),
  );
  app.get(
    '/safety/weak-persons/candidates',
    {
      schema: {
        querystring: c.candidatesQuery,
        tags,
        summary: '按规则建议的薄弱人',
        response: { 200: c.weakCandidates },
      },
    },
    async (req) => mentoring.weakCandidates(ctx, actorOf(req), req.query),
  );
}

/** 薄弱人包保: one case, its follow-ups and its end. */
function weakCaseRoutes(app: App) {
  const { ctx } = app;
  app.post(
    '/safety/weak-persons',
    {
      schema: {
        body: c.createWeakPersonBody,
        tags,
        summary: '确定薄弱人并指定包保党员',
        response: { 201: c.weakPersonDetail },
      },
    },
    async (req, reply) => {
      const { id } = await mentoring.createWeakPerson(ctx, actorOf(req), req.body);
      reply.status(201);
      return mentoring.getWeakPerson(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/safety/weak-persons/:id',
    { schema: { params: c.idParams, tags, summary: '包保详情', response: { 200: c.weakPersonDetail } } },
    async (req) => mentoring.getWeakPerson(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/safety/weak-persons/:id/followups',
    {
      schema: {
        params: c.idParams,
        body: c.followupBody,
        tags,
        summary: '记录月度帮教',
        response: { 201: c.weakPersonDetail },
      },
    },
    async (req, reply) => {
      await mentoring.addFollowup(ctx, actorOf(req), req.params.id, req.body);
      reply.status(201);
      return mentoring.getWeakPerson(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/safety/weak-persons/:id/end',
    {
      schema: {
        params: c.idParams,
        body: c.endWeakBody,
        tags,
        summary: '结束包保（转化结果）',
        response: { 200: c.weakPersonDetail },
      },
    },
    async (req) => {
      await mentoring.endWeakPerson(ctx, actorOf(req), req.params.id, req.body);
      return mentoring.getWeakPerson(ctx, actorOf(req), req.params.id);
    },
  );
}

/** 重点攻关: projects with milestones and progress. */
function projectRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/safety/projects',
    {
      schema: {
        querystring: c.projectListQuery,
        tags,
        summary: '重点攻关项目列表',
        response: { 200: c.projectList },
      },
    },
    async (req) => projects.listProjects(ctx, actorOf(req), req.query),
  );
  app.post(
    '/safety/projects',
    {
      schema: {
        body: c.createProjectBody,
        tags,
        summary: '立项重点攻关',
        response: { 201: c.projectDetail },
      },
    },
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
        querystring: c.projectListQuery.omit({ page: true, pageSize: true }),
        tags,
        summary: '导出重点攻关台账（Excel）',
        response: download,
      },
    },
    async (req, reply) => xlsx(await exports.exportProjects(ctx, actorOf(req), req.query), reply),
  );
  app.get(
    '/safety/projects/:id',
    { schema: { params: c.idParams, tags, summary: '攻关项目详情', response: { 200: c.projectDetail } } },
    async (req) => projects.getProject(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/safety/projects/:id/updates',
    {
      schema: {
        params: c.idParams,
        body: c.projectUpdateBody,
        tags,
        summary: '记录攻关进展',
        response: { 201: c.projectDetail },
      },
    },
    async (req, reply) => {
      await projects.addProjectUpdate(ctx, actorOf(req), req.params.id, req.body);
      reply.status(201);
      return projects.getProject(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/safety/projects/:id/complete',
    {
      schema: {
        params: c.idParams,
        body: c.completeProjectBody,
        tags,
        summary: '攻关结项（成果与评价）',
        response: { 200: c.projectDetail },
      },
    },
    async (req) => {
      await projects.completeProject(ctx, actorOf(req), req.params.id, req.body);
      return projects.getProject(ctx, actorOf(req), req.params.id);
    },
  );
}

/** Thin HTTP: validate (contract) → one use case → answer through the contract's response schema. */
export const safetyRoutes: FastifyPluginAsyncZod = async (app) => {
  violationRoutes(app);
  boardRoutes(app);
  noticeRoutes(app);
  analysisRoutes(app);
  mentoringRoutes(app);
  weakCaseRoutes(app);
  projectRoutes(app);
};
