import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { XLSX_TYPE } from '../../platform/excel';
import { fileResponse, sendDownload } from '../../platform/http';
import { branchPage } from './branch';
import * as c from './contract';
import { exportOverview, exportRound } from './exports';
import { overview } from './overview';
import { overviewEvidence } from './overview-evidence';
import { closeRound, roundResults, scoreItem, subjectResult } from './results';
import { createRound, getRound, listRounds } from './rounds';
import { getSettings, updateSettings } from './settings';
import {
  createTemplate,
  getTemplate,
  listTemplates,
  retireTemplate,
  reviseTemplate,
  sourceCatalog,
} from './templates';
import { createZone, endZone, listZones, updateZone } from './zones';

const tags = ['assessment'];
type App = Parameters<FastifyPluginAsyncZod>[0];

/** 考核模板 and the sources their items read. */
function templateRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/assessment/sources',
    { schema: { tags, summary: '可计算的考核数据来源', response: { 200: c.sourceList } } },
    async (req) => sourceCatalog(actorOf(req)),
  );
  app.get(
    '/assessment/templates',
    {
      schema: {
        tags,
        summary: '考核模板',
        querystring: c.templateListQuery,
        response: { 200: c.templateList },
      },
    },
    async (req) => listTemplates(ctx, actorOf(req), req.query),
  );
  app.post(
    '/assessment/templates',
    { schema: { tags, summary: '制定考核模板', body: c.templateBody, response: { 201: c.template } } },
    async (req, reply) => {
      reply.status(201);
      return createTemplate(ctx, actorOf(req), req.body);
    },
  );
  app.get(
    '/assessment/templates/:id',
    { schema: { tags, summary: '考核模板详情', params: c.idParams, response: { 200: c.template } } },
    async (req) => getTemplate(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/assessment/templates/:id/revise',
    {
      schema: {
        tags,
        summary: '修订考核模板（生成新版本）',
        params: c.idParams,
        body: c.reviseBody,
        response: { 201: c.template },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return reviseTemplate(ctx, actorOf(req), req.params.id, req.body);
    },
  );
  app.post(
    '/assessment/templates/:id/retire',
    { schema: { tags, summary: '停用考核模板', params: c.idParams, response: { 200: c.template } } },
    async (req) => retireTemplate(ctx, actorOf(req), req.params.id),
  );
}

/** 考核轮次, their results (live while open, frozen once closed), scoring and closing. */
function roundRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/assessment/rounds',
    { schema: { tags, summary: '考核轮次', querystring: c.roundListQuery, response: { 200: c.roundList } } },
    async (req) => listRounds(ctx, actorOf(req), req.query),
  );
  app.post(
    '/assessment/rounds',
    { schema: { tags, summary: '发起考核', body: c.roundBody, response: { 201: c.round } } },
    async (req, reply) => {
      reply.status(201);
      return createRound(ctx, actorOf(req), req.body);
    },
  );
  app.get(
    '/assessment/rounds/:id',
    { schema: { tags, summary: '考核轮次详情', params: c.idParams, response: { 200: c.round } } },
    async (req) => getRound(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/assessment/rounds/:id/results',
    {
      schema: {
        tags,
        summary: '考核结果（每个计分项附依据）',
        params: c.idParams,
        response: { 200: c.resultList },
      },
    },
    async (req) => roundResults(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/assessment/rounds/:id/results/:subjectId',
    {
      schema: {
        tags,
        summary: '一个考核对象的结果与全部依据',
        params: c.subjectParams,
        response: { 200: c.resultDetail },
      },
    },
    async (req) => subjectResult(ctx, actorOf(req), req.params.id, req.params.subjectId),
  );
  app.post(
    '/assessment/rounds/:id/scores',
    {
      schema: {
        tags,
        summary: '人工评分（写明理由）',
        params: c.idParams,
        body: c.scoreBody,
        response: { 200: c.resultDetail },
      },
    },
    async (req) => scoreItem(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/assessment/rounds/:id/close',
    { schema: { tags, summary: '结束考核（冻结结果）', params: c.idParams, response: { 200: c.round } } },
    async (req) => closeRound(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/assessment/rounds/:id/export',
    {
      schema: { tags, summary: '导出考核结果（Excel）', params: c.idParams, response: { 200: fileResponse } },
    },
    async (req, reply) => {
      const f = await exportRound(ctx, actorOf(req), req.params.id);
      return sendDownload(reply, f.data, f.fileName, XLSX_TYPE);
    },
  );
}

/** 党员责任区、党员示范岗 and the branch page. */
function zoneRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/assessment/zones',
    {
      schema: {
        tags,
        summary: '党员责任区和示范岗',
        querystring: c.zoneListQuery,
        response: { 200: c.zoneList },
      },
    },
    async (req) => listZones(ctx.db, actorOf(req), req.query),
  );
  app.post(
    '/assessment/zones',
    { schema: { tags, summary: '设立责任区或示范岗', body: c.zoneBody, response: { 201: c.zone } } },
    async (req, reply) => {
      reply.status(201);
      return createZone(ctx, actorOf(req), req.body);
    },
  );
  app.put(
    '/assessment/zones/:id',
    {
      schema: {
        tags,
        summary: '修改责任区或示范岗',
        params: c.idParams,
        body: c.zoneUpdateBody,
        response: { 200: c.zone },
      },
    },
    async (req) => updateZone(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/assessment/zones/:id/end',
    {
      schema: {
        tags,
        summary: '撤销责任区或示范岗',
        params: c.idParams,
        body: c.zoneEndBody,
        response: { 200: c.zone },
      },
    },
    async (req) => endZone(ctx, actorOf(req), req.params.id, req.body.endedOn),
  );
  app.get(
    '/assessment/branches/:orgId',
    { schema: { tags, summary: '党支部的岗区与考核', params: c.orgParams, response: { 200: c.branchPage } } },
    async (req) => branchPage(ctx, actorOf(req), req.params.orgId),
  );
}

/** The committee's overview, its evidence and export; the settings. */
function overviewRoutes(app: App) {
  const { ctx } = app;
  app.get(
    '/assessment/overview',
    {
      schema: {
        tags,
        summary: '党建工作总览（党委、党总支）',
        querystring: c.overviewQuery,
        response: { 200: c.overview },
      },
    },
    async (req) => overview(ctx, actorOf(req), req.query),
  );
  app.get(
    '/assessment/overview/evidence',
    {
      schema: {
        tags,
        summary: '总览中一项数字背后的记录',
        querystring: c.overviewEvidenceQuery,
        response: { 200: c.overviewEvidence },
      },
    },
    async (req) => overviewEvidence(ctx, actorOf(req), req.query),
  );
  app.get(
    '/assessment/overview/export',
    {
      schema: {
        tags,
        summary: '导出党建工作总览（Excel）',
        querystring: c.overviewQuery,
        response: { 200: fileResponse },
      },
    },
    async (req, reply) => {
      const f = await exportOverview(ctx, actorOf(req), req.query);
      return sendDownload(reply, f.data, f.fileName, XLSX_TYPE);
    },
  );
  app.get(
    '/assessment/settings',
    { schema: { tags, summary: '考核设置（排名、星级）', response: { 200: c.settingsAnswer } } },
    async (req) => getSettings(ctx, actorOf(req)),
  );
  app.put(
    '/assessment/settings',
    {
      schema: {
        tags,
        summary: '修改考核设置（党委管理员）',
        body: c.settingsBody,
        response: { 200: c.settingsAnswer },
      },
    },
    async (req) => updateSettings(ctx, actorOf(req), req.body),
  );
}

export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  templateRoutes(app);
  roundRoutes(app);
  zoneRoutes(app);
  overviewRoutes(app);
};
