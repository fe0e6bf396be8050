import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/context';
import { sendStoredFile } from '../../platform/file-store';
import { fileResponse } from '../../platform/http';
import * as attempts from './attempts';
import * as attendance from './attendance';
import * as classes from './classes';
import * as contents from './contents';
import * as c from './contract';
import * as courses from './courses';
import * as files from './files';
import * as questions from './questions';
import * as quizzes from './quizzes';
import { readUpload } from './uploads';

const tags = ['training'];

/** The course library and its material files. */
const courseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/training/courses',
    { schema: { querystring: c.courseListQuery, tags, summary: '课程库', response: { 200: c.courseList } } },
    async (req) => courses.listCourses(ctx, actorOf(req), req.query),
  );
  app.post(
    '/training/courses',
    { schema: { body: c.createCourseBody, tags, summary: '新建课程', response: { 201: c.course } } },
    async (req, reply) => {
      const { id } = await courses.createCourse(ctx, actorOf(req), req.body);
      reply.status(201);
      return courses.getCourse(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/training/courses/:id',
    { schema: { params: c.idParams, tags, summary: '课程详情与资料', response: { 200: c.course } } },
    async (req) => courses.getCourse(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/training/courses/:id',
    {
      schema: {
        params: c.idParams,
        body: c.updateCourseBody,
        tags,
        summary: '修改课程',
        response: { 200: c.course },
      },
    },
    async (req) => courses.updateCourse(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/training/courses/:id/files',
    {
      schema: {
        params: c.idParams,
        tags,
        summary: '上传课程资料（multipart 字段 file；PDF、Office、图片、MP4，≤ 20 MB）',
        consumes: ['multipart/form-data'],
        response: { 201: c.fileItem },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = req.params.id;
      const authorize = async (db: typeof ctx.db) => {
        const row = await courses.loadCourse(db, actor, id, 'update');
        return { orgId: row.org_id };
      };
      await authorize(ctx.db);
      const upload = await readUpload(req);
      reply.status(201);
      return files.addFile(ctx, actor, { kind: 'course', id }, upload, authorize);
    },
  );
};

/** Downloading (or viewing inline) a course's or a study content's file. */
const trainingFileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/training/files/:id',
    {
      schema: {
        params: c.idParams,
        querystring: c.fileQuery,
        tags,
        summary: '下载或在线查看培训资料',
        response: { 200: fileResponse },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await files.readableTrainingFile(ctx, actor, req.params.id, async (owner) => {
        if (owner.kind === 'course') await courses.loadCourse(ctx.db, actor, owner.id);
        else await contents.loadContent(ctx.db, actor, owner.id);
      });
      return sendStoredFile(ctx, reply, row, '资料', { inline: req.query.inline === 'true' });
    },
  );
};

/** Classes held by a committee, general branch or branch. */
const classRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/training/classes',
    { schema: { querystring: c.classListQuery, tags, summary: '培训班次', response: { 200: c.classList } } },
    async (req) => classes.listClasses(ctx, actorOf(req), req.query),
  );
  app.post(
    '/training/classes',
    {
      schema: {
        body: c.createClassBody,
        tags,
        summary: '举办培训班（党委、党总支、党支部）',
        response: { 201: c.classDetail },
      },
    },
    async (req, reply) => {
      const { id } = await classes.createClass(ctx, actorOf(req), req.body);
      reply.status(201);
      return classes.getClass(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/training/classes/:id',
    {
      schema: {
        params: c.idParams,
        tags,
        summary: '培训班详情、学员与考勤',
        response: { 200: c.classDetail },
      },
    },
    async (req) => classes.getClass(ctx, actorOf(req), req.params.id),
  );
};

/** Attendance, participants, sign-up and completion records of a class. */
const attendanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.post(
    '/training/classes/:id/attendance',
    {
      schema: {
        params: c.idParams,
        body: c.attendanceBody,
        tags,
        summary: '记录考勤（出勤、请假、缺勤；出勤认定学时）',
        response: { 200: c.classDetail },
      },
    },
    async (req) => {
      await attendance.recordAttendance(ctx, actorOf(req), req.params.id, req.body);
      return classes.getClass(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/training/classes/:id/participants',
    {
      schema: {
        params: c.idParams,
        body: c.addParticipantsBody,
        tags,
        summary: '指定学员',
        response: { 200: c.classDetail },
      },
    },
    async (req) => {
      await attendance.addParticipants(ctx, actorOf(req), req.params.id, req.body.personIds);
      return classes.getClass(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/training/classes/:id/signup',
    { schema: { params: c.idParams, tags, summary: '报名参加培训班', response: { 200: c.classDetail } } },
    async (req) => {
      await attendance.signUp(ctx, actorOf(req), req.params.id);
      return classes.getClass(ctx, actorOf(req), req.params.id);
    },
  );
  app.delete(
    '/training/classes/:id/signup',
    { schema: { params: c.idParams, tags, summary: '取消报名', response: { 200: c.classDetail } } },
    async (req) => {
      await attendance.withdraw(ctx, actorOf(req), req.params.id);
      return classes.getClass(ctx, actorOf(req), req.params.id);
    },
  );
  app.get(
    '/training/certificates/:id',
    {
      schema: {
        params: c.idParams,
        tags,
        summary: '结业记录（学员本人、主办单位、所在支部）',
        response: { 200: c.certificate },
      },
    },
    async (req) => attendance.getCertificate(ctx, actorOf(req), req.params.id),
  );
};

/** Study content and its material files. */
const contentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/training/contents',
    {
      schema: {
        querystring: c.contentListQuery,
        tags,
        summary: '网上学习内容',
        response: { 200: c.contentList },
      },
    },
    async (req) => contents.listContents(ctx, actorOf(req), req.query),
  );
  app.post(
    '/training/contents',
    {
      schema: {
        body: c.createContentBody,
        tags,
        summary: '发布学习内容',
        response: { 201: c.contentDetail },
      },
    },
    async (req, reply) => {
      const { id } = await contents.createContent(ctx, actorOf(req), req.body);
      reply.status(201);
      return contents.getContent(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/training/contents/:id',
    {
      schema: { params: c.idParams, tags, summary: '学习内容与本人进度', response: { 200: c.contentDetail } },
    },
    async (req) => contents.getContent(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/training/contents/:id/files',
    {
      schema: {
        params: c.idParams,
        tags,
        summary: '上传学习资料（multipart 字段 file；PDF、Office、图片、MP4，≤ 20 MB）',
        consumes: ['multipart/form-data'],
        response: { 201: c.fileItem },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = req.params.id;
      const authorize = async (db: typeof ctx.db) => {
        const { row } = await contents.loadContent(db, actor, id, 'manage');
        return { orgId: row.org_id };
      };
      await authorize(ctx.db);
      const upload = await readUpload(req);
      reply.status(201);
      return files.addFile(ctx, actor, { kind: 'content', id }, upload, authorize);
    },
  );
};

/** Reading progress of study content. */
const progressRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.post(
    '/training/contents/:id/progress',
    {
      schema: {
        params: c.idParams,
        body: c.heartbeatBody,
        tags,
        summary: '学习进度心跳（页面可见时每 15 秒一次）',
        response: { 200: c.progressAnswer },
      },
    },
    async (req) => contents.heartbeat(ctx, actorOf(req), req.params.id, req.body.seconds),
  );
  app.post(
    '/training/contents/:id/finish',
    {
      schema: {
        params: c.idParams,
        tags,
        summary: '完成学习（记入学时）',
        response: { 200: c.progressAnswer },
      },
    },
    async (req) => contents.finishContent(ctx, actorOf(req), req.params.id),
  );
};

/** The question bank. */
const questionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/training/questions',
    {
      schema: { querystring: c.questionListQuery, tags, summary: '题库', response: { 200: c.questionList } },
    },
    async (req) => questions.listQuestions(ctx, actorOf(req), req.query),
  );
  app.post(
    '/training/questions',
    {
      schema: {
        body: c.createQuestionBody,
        tags,
        summary: '新增试题',
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return questions.createQuestion(ctx, actorOf(req), req.body);
    },
  );
};

/** Quizzes. */
const quizRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/training/quizzes',
    { schema: { querystring: c.quizListQuery, tags, summary: '在线测试', response: { 200: c.quizList } } },
    async (req) => quizzes.listQuizzes(ctx, actorOf(req), req.query),
  );
  app.post(
    '/training/quizzes',
    { schema: { body: c.createQuizBody, tags, summary: '发布在线测试', response: { 201: c.quizDetail } } },
    async (req, reply) => {
      const { id } = await quizzes.createQuiz(ctx, actorOf(req), req.body);
      reply.status(201);
      return quizzes.getQuiz(ctx, actorOf(req), id);
    },
  );
  app.get(
    '/training/quizzes/:id',
    {
      schema: {
        params: c.idParams,
        tags,
        summary: '测试与试题（不含答案）',
        response: { 200: c.quizDetail },
      },
    },
    async (req) => quizzes.getQuiz(ctx, actorOf(req), req.params.id),
  );
};

/** Answering a quiz and its results. */
const attemptRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.post(
    '/training/quizzes/:id/start',
    {
      schema: {
        params: c.idParams,
        tags,
        summary: '开始答题（抽题、计时）',
        response: { 200: c.startedAttempt },
      },
    },
    async (req) => attempts.startAttempt(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/training/quizzes/:id/attempts',
    {
      schema: {
        params: c.idParams,
        body: c.attemptBody,
        tags,
        summary: '交卷（服务器评分，满分 100）',
        response: { 200: c.attemptResult },
      },
    },
    async (req) => attempts.submitAttempt(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/training/quizzes/:id/results',
    {
      schema: {
        params: c.idParams,
        tags,
        summary: '测试结果：按人、按支部、按题（错误率）',
        response: { 200: c.quizResults },
      },
    },
    async (req) => quizzes.quizResults(ctx, actorOf(req), req.params.id),
  );
};

/**
 * Courses and their material files; classes, attendance, sign-up and completion records; study content
 * with its reading progress; the question bank and quizzes. One plugin per aggregate.
 */
export const learningRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(courseRoutes);
  await app.register(trainingFileRoutes);
  await app.register(classRoutes);
  await app.register(attendanceRoutes);
  await app.register(contentRoutes);
  await app.register(progressRoutes);
  await app.register(questionRoutes);
  await app.register(quizRoutes);
  await app.register(attemptRoutes);
};
