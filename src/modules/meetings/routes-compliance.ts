import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { XLSX_TYPE } from '../../platform/excel';
import { fileResponse, sendDownload } from '../../platform/http';
import * as compliance from './compliance';
import { exportCompliance } from './compliance-export';
import {
  complianceExportQuery,
  complianceQuery,
  complianceResponse,
  matrixQuery,
  matrixResponse,
  memberAttendanceResponse,
} from './contract-compliance';
import { settingsBody, settingsResponse } from './contract-settings';
import * as settings from './settings';

const tags = ['meetings'];

/**
 * Compliance, the month matrix, members' attendance rates, the compliance download and the local
 * settings.
 */
export const complianceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/meetings/settings',
    { schema: { response: { 200: settingsResponse }, tags, summary: '组织生活的本单位设置与依据' } },
    async (req) => settings.getSettings(ctx, actorOf(req)),
  );
  app.patch(
    '/meetings/settings',
    {
      schema: {
        body: settingsBody,
        response: { 200: settingsResponse },
        tags,
        summary: '修改本单位设置（补录期限、党课频次、静默天数、标红阈值、学时、签到时段、优秀比例…）',
      },
    },
    async (req) => settings.updateSettings(ctx, actorOf(req), req.body),
  );
  app.get(
    '/compliance',
    {
      schema: {
        querystring: complianceQuery,
        response: { 200: complianceResponse },
        tags,
        summary: '组织生活落实情况（按支部、类型）',
      },
    },
    async (req) => compliance.compliance(ctx, actorOf(req), req.query),
  );
  app.get(
    '/compliance/attendance',
    {
      schema: {
        querystring: matrixQuery,
        response: { 200: memberAttendanceResponse },
        tags,
        summary: '党员个人出勤率（全年，免于参加的党员缺勤不计）',
      },
    },
    async (req) => compliance.memberAttendance(ctx, actorOf(req), req.query),
  );
  app.get(
    '/compliance/matrix',
    {
      schema: {
        querystring: matrixQuery,
        response: { 200: matrixResponse },
        tags,
        summary: '支部 × 月份矩阵与趋势',
      },
    },
    async (req) => compliance.complianceMatrix(ctx, actorOf(req), req.query),
  );
  app.get(
    '/compliance/export',
    {
      schema: {
        querystring: complianceExportQuery,
        response: { 200: fileResponse },
        tags,
        summary: '导出组织生活落实情况（全部支部、按月矩阵、图例与依据，.xlsx）',
      },
    },
    async (req, reply) => {
      const year = req.query.year ?? Number(todayLocal().slice(0, 4));
      const { data, fileName } = await exportCompliance(ctx, actorOf(req), { ...req.query, year });
      return sendDownload(reply, data, fileName, XLSX_TYPE);
    },
  );
};
