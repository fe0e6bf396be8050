import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { XLSX_TYPE } from '../../platform/excel';
import { readUpload, sendStoredFile } from '../../platform/file-store';
import { fileResponse, sendDownload } from '../../platform/http';
import { taskBoard } from './board';
import * as c from './contract';
import { getTask } from './detail';
import { exportTask } from './export';
import * as files from './files';
import { remindTarget, reviewResponse, submitResponse } from './responses';
import { getTasksSettings, updateTasksSettings } from './settings';
import { createTask, listTasks, taskOptions } from './tasks';

const tags = ['tasks'];
const noContent = { 204: c.noContent };

/** Sending, listing, the board, the settings and one task. */
const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/tasks',
    {
      schema: {
        querystring: c.listTasksQuery,
        tags,
        summary: '督办任务列表（本组织发出的和收到的）',
        response: { 200: c.taskList },
      },
    },
    async (req) => listTasks(ctx, actorOf(req), req.query),
  );
  app.post(
    '/tasks',
    {
      schema: {
        body: c.createTaskBody,
        tags,
        summary: '发布督办任务（党委、党总支，下发到所选组织或整个下级范围）',
        response: { 201: c.taskDetail },
      },
    },
    async (req, reply) => {
      const { id } = await createTask(ctx, actorOf(req), req.body);
      reply.status(201);
      return getTask(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/tasks/options',
    {
      schema: {
        tags,
        summary: '发布任务的选项（发布组织、取数来源、默认期限）',
        response: { 200: c.taskOptions },
      },
    },
    async (req) => taskOptions(ctx, actorOf(req)),
  );
  app.get(
    '/tasks/board',
    {
      schema: {
        querystring: c.boardQuery,
        tags,
        summary: '督办进度看板（已回复、已通过、逾期，按下级组织下钻）',
        response: { 200: c.taskBoard },
      },
    },
    async (req) => taskBoard(ctx, actorOf(req), req.query),
  );
  app.get(
    '/tasks/settings',
    { schema: { tags, summary: '督办设置', response: { 200: c.tasksSettings } } },
    async (req) => getTasksSettings(ctx, actorOf(req)),
  );
  app.put(
    '/tasks/settings',
    {
      schema: {
        body: c.tasksSettingsBody,
        tags,
        summary: '修改督办设置（党委管理员）',
        response: { 200: c.tasksSettings },
      },
    },
    async (req) => updateTasksSettings(ctx, actorOf(req), req.body),
  );
  app.get(
    '/tasks/:id',
    {
      schema: {
        params: c.taskParams,
        tags,
        summary: '督办任务详情（含各接收组织的状态和回复）',
        response: { 200: c.taskDetail },
      },
    },
    async (req) => getTask(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/tasks/:id/export',
    {
      schema: {
        params: c.taskParams,
        tags,
        summary: '导出全部回复（Excel，一张表）',
        response: { 200: fileResponse },
      },
    },
    async (req, reply) => {
      const { data, fileName } = await exportTask(ctx, actorOf(req), req.params.id);
      return sendDownload(reply, data, fileName, XLSX_TYPE);
    },
  );
};

/** The answer loop. */
const responseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.post(
    '/tasks/:id/responses',
    {
      schema: {
        params: c.taskParams,
        body: c.responseBody,
        tags,
        summary: '接收组织回复督办任务（被退回后重新提交）',
        response: { 200: c.taskDetail },
      },
    },
    async (req) => {
      await submitResponse(ctx, actorOf(req), req.params.id, req.body);
      return getTask(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/tasks/:id/responses/:orgId/review',
    {
      schema: {
        params: c.targetParams,
        body: c.reviewBody,
        tags,
        summary: '审核回复：通过，或退回并写明意见',
        response: { 200: c.taskDetail },
      },
    },
    async (req) => {
      await reviewResponse(ctx, actorOf(req), req.params.id, req.params.orgId, req.body);
      return getTask(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/tasks/:id/responses/:orgId/remind',
    {
      schema: {
        params: c.targetParams,
        body: c.remindBody,
        tags,
        summary: '催办：提醒尚未回复的接收组织',
        response: { 200: c.taskDetail },
      },
    },
    async (req) => {
      await remindTarget(ctx, actorOf(req), req.params.id, req.params.orgId, req.body.comment);
      return getTask(ctx, actorOf(req), req.params.id);
    },
  );
};

/** Files of the task and of the answers. */
const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const consumes = ['multipart/form-data'];
  app.post(
    '/tasks/:id/files',
    {
      schema: {
        params: c.taskParams,
        tags,
        consumes,
        summary: '上传任务附件（发布组织；multipart 字段 file，≤ 10 MB）',
        response: { 201: c.taskFile },
      },
    },
    async (req, reply) => {
      const owner = { taskId: req.params.id };
      await files.authorizeUpload(ctx.db, actorOf(req), owner);
      const upload = await readUpload(req);
      reply.status(201);
      return files.addFile(ctx, actorOf(req), owner, upload);
    },
  );
  app.post(
    '/tasks/:id/responses/:orgId/files',
    {
      schema: {
        params: c.targetParams,
        tags,
        consumes,
        summary: '上传回复附件（接收组织；照片、PDF、Word/Excel，≤ 10 MB）',
        response: { 201: c.taskFile },
      },
    },
    async (req, reply) => {
      const owner = { taskId: req.params.id, orgId: req.params.orgId };
      await files.authorizeUpload(ctx.db, actorOf(req), owner);
      const upload = await readUpload(req);
      reply.status(201);
      return files.addFile(ctx, actorOf(req), owner, upload);
    },
  );
  app.get(
    '/tasks/:id/files/:fileId',
    { schema: { params: c.fileParams, tags, summary: '下载附件', response: { 200: fileResponse } } },
    async (req, reply) => {
      const row = await files.readableTaskFile(ctx, actorOf(req), req.params.id, req.params.fileId);
      return sendStoredFile(ctx, reply, row);
    },
  );
  app.delete(
    '/tasks/:id/files/:fileId',
    { schema: { params: c.fileParams, tags, summary: '删除附件（提交前）', response: noContent } },
    async (req, reply) => {
      await files.removeTaskFile(ctx, actorOf(req), req.params.id, req.params.fileId);
      return reply.status(204).send(null);
    },
  );
};

export const tasksRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(taskRoutes);
  await app.register(responseRoutes);
  await app.register(fileRoutes);
};
