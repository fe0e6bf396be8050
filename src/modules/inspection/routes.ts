import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { XLSX_TYPE } from '../../platform/excel';
import { readUpload, sendStoredFile } from '../../platform/file-store';
import { fileResponse, sendDownload } from '../../platform/http';
import * as checklists from './checklists';
import * as c from './contract';
import { getFinding, getInspection } from './detail';
import * as files from './files';
import * as inspections from './inspections';
import { exportRectifications, rectificationLedger } from './ledger';
import { getRecords } from './records';
import * as rect from './rectifications';
import { getInspectionSettings, updateInspectionSettings } from './settings';

const tags = ['inspection'];
const consumes = ['multipart/form-data'];

/** Checklists and settings. */
const checklistRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/inspections/checklists',
    { schema: { tags, summary: '检查清单（各清单的现行版本）', response: { 200: c.checklistList } } },
    async (req) => checklists.listChecklists(ctx, actorOf(req)),
  );
  app.post(
    '/inspections/checklists',
    {
      schema: {
        body: c.createChecklistBody,
        tags,
        summary: '制定检查清单',
        response: { 201: c.checklistDetail },
      },
    },
    async (req, reply) => {
      const { id } = await checklists.createChecklist(ctx, actorOf(req), req.body);
      reply.status(201);
      return checklists.getChecklist(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/inspections/checklists/:id',
    {
      schema: {
        params: c.idParams,
        tags,
        summary: '检查清单详情（含历史版本）',
        response: { 200: c.checklistDetail },
      },
    },
    async (req) => checklists.getChecklist(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/inspections/checklists/:id/versions',
    {
      schema: {
        params: c.idParams,
        body: c.reviseChecklistBody,
        tags,
        summary: '修订检查清单（生成新版本，旧版本保留）',
        response: { 201: c.checklistDetail },
      },
    },
    async (req, reply) => {
      const { id } = await checklists.reviseChecklist(ctx, actorOf(req), req.params.id, req.body);
      reply.status(201);
      return checklists.getChecklist(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/inspections/settings',
    { schema: { tags, summary: '检查设置', response: { 200: c.inspectionSettings } } },
    async (req) => getInspectionSettings(ctx, actorOf(req)),
  );
  app.put(
    '/inspections/settings',
    {
      schema: {
        body: c.inspectionSettingsBody,
        tags,
        summary: '修改检查设置（党委管理员）',
        response: { 200: c.inspectionSettings },
      },
    },
    async (req) => updateInspectionSettings(ctx, actorOf(req), req.body),
  );
};

/** Inspections, their findings, the branch's records read in place. */
const inspectionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/inspections',
    {
      schema: {
        querystring: c.listInspectionsQuery,
        tags,
        summary: '检查列表',
        response: { 200: c.inspectionList },
      },
    },
    async (req) => inspections.listInspections(ctx, actorOf(req), req.query),
  );
  app.post(
    '/inspections',
    {
      schema: {
        body: c.createInspectionBody,
        tags,
        summary: '开展检查（党委、党总支对下属党支部，网上或现场）',
        response: { 201: c.inspectionDetail },
      },
    },
    async (req, reply) => {
      const { id } = await inspections.createInspection(ctx, actorOf(req), req.body);
      reply.status(201);
      return getInspection(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/inspections/:id',
    { schema: { params: c.idParams, tags, summary: '检查详情', response: { 200: c.inspectionDetail } } },
    async (req) => getInspection(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/inspections/:id/records',
    {
      schema: {
        params: c.idParams,
        tags,
        summary: '网上查阅被检查支部的记录（会议、谈话、两违、台账）',
        response: { 200: c.branchRecords },
      },
    },
    async (req) => getRecords(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/inspections/:id/findings',
    {
      schema: {
        params: c.idParams,
        body: c.findingBody,
        tags,
        summary: '记录检查发现（给出整改期限时生成整改事项）',
        response: { 201: c.finding },
      },
    },
    async (req, reply) => {
      const { findingId } = await inspections.addFinding(ctx, actorOf(req), req.params.id, req.body);
      reply.status(201);
      return getFinding(ctx, actorOf(req), req.params.id, findingId);
    },
  );
  app.post(
    '/inspections/:id/complete',
    {
      schema: {
        params: c.idParams,
        body: c.completeBody,
        tags,
        summary: '完成检查',
        response: { 200: c.inspectionDetail },
      },
    },
    async (req) => {
      await inspections.completeInspection(ctx, actorOf(req), req.params.id, req.body.summary);
      return getInspection(ctx, actorOf(req), req.params.id);
    },
  );
};

/** Evidence files of an inspection's findings. */
const inspectionFileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.post(
    '/inspections/:id/findings/:findingId/files',
    {
      schema: {
        params: c.findingParams,
        tags,
        consumes,
        summary: '上传检查证据照片或文件（multipart 字段 file，≤ 10 MB）',
        response: { 201: c.inspectionFile },
      },
    },
    async (req, reply) => {
      const owner = { findingOf: req.params.id, findingId: req.params.findingId };
      await files.authorizeUpload(ctx.db, actorOf(req), owner);
      const upload = await readUpload(req);
      reply.status(201);
      return files.addFile(ctx, actorOf(req), owner, upload);
    },
  );
  app.get(
    '/inspections/:id/files/:fileId',
    {
      schema: {
        params: c.inspectionFileParams,
        tags,
        summary: '下载检查附件',
        response: { 200: fileResponse },
      },
    },
    async (req, reply) => {
      const row = await files.readableInspectionFile(ctx, actorOf(req), req.params.id, req.params.fileId);
      return sendStoredFile(ctx, reply, row);
    },
  );
  app.delete(
    '/inspections/:id/files/:fileId',
    {
      schema: {
        params: c.inspectionFileParams,
        tags,
        summary: '删除检查附件（检查中或整改提交前）',
        response: { 204: c.noContent },
      },
    },
    async (req, reply) => {
      await files.removeInspectionFile(ctx, actorOf(req), req.params.id, req.params.fileId);
      return reply.status(204).send(null);
    },
  );
};

/** Rectifications: the ledger, the list and one item. */
const rectificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/rectifications',
    {
      schema: {
        querystring: c.listRectificationsQuery,
        tags,
        summary: '整改事项列表（状态：open 待整改、answered 待验收、closed 已销号、overdue 已逾期）',
        response: { 200: c.rectificationList },
      },
    },
    async (req) => rect.listRectifications(ctx, actorOf(req), req.query),
  );
  app.get(
    '/rectifications/ledger',
    {
      schema: {
        querystring: c.ledgerQuery,
        tags,
        summary: '整改台账统计（按支部、按检查项目）',
        response: { 200: c.rectificationLedger },
      },
    },
    async (req) => rectificationLedger(ctx, actorOf(req), req.query),
  );
  app.get(
    '/rectifications/export',
    {
      schema: {
        querystring: c.exportQuery,
        tags,
        summary: '导出整改台账（Excel）',
        response: { 200: fileResponse },
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exportRectifications(ctx, actorOf(req), req.query);
      return sendDownload(reply, data, fileName, XLSX_TYPE);
    },
  );
  app.get(
    '/rectifications/:id',
    {
      schema: { params: c.idParams, tags, summary: '整改事项详情', response: { 200: c.rectificationDetail } },
    },
    async (req) => rect.getRectification(ctx, actorOf(req), req.params.id),
  );
};

/** One rectification's loop: the branch answers with evidence; the inspecting body closes or reopens it. */
const rectificationLoopRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.post(
    '/rectifications/:id/answer',
    {
      schema: {
        params: c.idParams,
        body: c.answerBody,
        tags,
        summary: '支部填报整改情况',
        response: { 200: c.rectificationDetail },
      },
    },
    async (req) => {
      await rect.answerRectification(ctx, actorOf(req), req.params.id, req.body.content);
      return rect.getRectification(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/rectifications/:id/files',
    {
      schema: {
        params: c.idParams,
        tags,
        consumes,
        summary: '上传整改佐证照片或文件（支部；multipart 字段 file，≤ 10 MB）',
        response: { 201: c.inspectionFile },
      },
    },
    async (req, reply) => {
      const owner = { rectificationId: req.params.id };
      await files.authorizeUpload(ctx.db, actorOf(req), owner);
      const upload = await readUpload(req);
      reply.status(201);
      return files.addFile(ctx, actorOf(req), owner, upload);
    },
  );
  app.post(
    '/rectifications/:id/close',
    {
      schema: {
        params: c.idParams,
        body: c.closeBody,
        tags,
        summary: '验收销号（检查组织）',
        response: { 200: c.rectificationDetail },
      },
    },
    async (req) => {
      await rect.closeRectification(ctx, actorOf(req), req.params.id, req.body.comment);
      return rect.getRectification(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/rectifications/:id/reopen',
    {
      schema: {
        params: c.idParams,
        body: c.reopenBody,
        tags,
        summary: '退回重新整改（检查组织，写明意见）',
        response: { 200: c.rectificationDetail },
      },
    },
    async (req) => {
      await rect.reopenRectification(ctx, actorOf(req), req.params.id, req.body);
      return rect.getRectification(ctx, actorOf(req), req.params.id);
    },
  );
};

export const inspectionRoutesPlugin: FastifyPluginAsyncZod = async (app) => {
  await app.register(checklistRoutes);
  await app.register(inspectionRoutes);
  await app.register(inspectionFileRoutes);
  await app.register(rectificationRoutes);
  await app.register(rectificationLoopRoutes);
};
