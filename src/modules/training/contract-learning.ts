import { z } from 'zod';
import { pagedList } from '../../platform/http';
import { zDate, zPage, zPageSize, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { ATTENDANCE_STATUSES, CONTENT_KINDS, isHalfHours } from './rules';

/**
 * Courses, classes and study content: requests and answers (re-exported by contract.ts; the question
 * bank and quizzes are contract-quizzes.ts).
 */

const zHours = z
  .number({ error: '应为数字' })
  .min(0.5, '至少 0.5 学时')
  .max(200, '不能超过 200 学时')
  .refine(isHalfHours, '学时以 0.5 为单位');
const zTopic = zRequiredText(40);
const zUrl = zText(500).refine((s) => /^https?:\/\/\S+$/i.test(s), '网址应以 http:// 或 https:// 开头');
const zBool = z.enum(['true', 'false'], { error: '应为 true 或 false' });
const orgFilter = label(zUuid, '组织').optional();
const fileRef = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});

// ==== courses ====

const link = z.object({ title: label(zRequiredText(100), '链接名称'), url: label(zUrl, '网址') });
export const createCourseBody = z.object({
  orgId: label(zUuid, '所属组织'),
  title: label(zRequiredText(100), '课程名称'),
  topic: label(zTopic, '主题'),
  hours: label(zHours, '学时'),
  material: label(zText(20000), '讲义或提纲').nullish(),
  links: label(z.array(link).max(20, '最多 20 个链接'), '资料链接').optional(),
  teacherPersonId: label(zUuid, '授课人（本单位）').nullish(),
  teacherName: label(zText(50), '授课人（外请）').nullish(),
});
export type CreateCourseBody = z.infer<typeof createCourseBody>;
export const updateCourseBody = createCourseBody.omit({ orgId: true }).partial();
export type UpdateCourseBody = z.infer<typeof updateCourseBody>;
export const courseListQuery = z.object({
  orgId: orgFilter,
  topic: label(zText(40), '主题').optional(),
  q: label(zText(40), '关键词').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type CourseListQuery = z.infer<typeof courseListQuery>;
export const course = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  topic: z.string(),
  hours: z.number(),
  material: z.string().nullable(),
  links: z.array(z.object({ title: z.string(), url: z.string() })),
  teacher: z.object({ personId: z.string().nullable(), name: z.string(), external: z.boolean() }).nullable(),
  files: z.array(fileRef),
  classCount: z.number().int(),
  actions: z.array(z.enum(['update'])),
});
export const courseList = pagedList(course);
export type Course = z.infer<typeof course>;

// ==== classes ====

export const createClassBody = z.object({
  orgId: label(zUuid, '主办组织'),
  title: label(zRequiredText(100), '班次名称'),
  topic: label(zText(40), '主题').nullish(),
  description: label(zText(2000), '培训内容简介').nullish(),
  surveyId: label(zUuid, '需求调查').nullish(),
  startsOn: label(zDate, '开班日期'),
  endsOn: label(zDate, '结业日期'),
  place: label(zText(100), '地点').nullish(),
  online: label(z.boolean({ error: '应为是或否' }), '线上举办').optional(),
  onlineUrl: label(zUrl, '线上地址').nullish(),
  hours: label(zHours, '学时'),
  capacity: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1 人').max(2000),
    '名额',
  ).nullish(),
  enrollment: label(
    z.enum(['assign', 'signup'], { error: '应为 assign（指定）或 signup（报名）' }),
    '参训方式',
  ).optional(),
  signupUntil: label(zDate, '报名截止').nullish(),
  participantOrgIds: label(z.array(label(zUuid, '组织')).max(200, '最多 200 个组织'), '参训组织'),
  participantPersonIds: label(z.array(label(zUuid, '人员')).max(2000, '最多 2000 人'), '参训人员').optional(),
  courseIds: label(z.array(label(zUuid, '课程')).max(50, '最多 50 门课程'), '课程').optional(),
});
export type CreateClassBody = z.infer<typeof createClassBody>;
export const attendanceBody = z.object({
  items: label(
    z
      .array(
        z.object({
          personId: label(zUuid, '学员'),
          status: label(
            z.enum(ATTENDANCE_STATUSES, { error: '应为 present（出勤）、leave（请假）或 absent（缺勤）' }),
            '考勤',
          ),
          hours: label(zHours, '认定学时').optional(),
        }),
      )
      .min(1, '至少一名学员')
      .max(2000),
    '考勤名单',
  ),
});
export type AttendanceBody = z.infer<typeof attendanceBody>;
export const addParticipantsBody = z.object({
  personIds: label(z.array(label(zUuid, '人员')).min(1, '至少一人').max(2000), '学员'),
});
export const classListQuery = z.object({
  orgId: orgFilter,
  phase: label(
    z.enum(['upcoming', 'ongoing', 'ended'], { error: '应为 upcoming、ongoing 或 ended' }),
    '状态',
  ).optional(),
  year: z.coerce
    .number({ error: '年份应为数字' })
    .int('年份应为整数')
    .min(2000)
    .max(2100)
    .meta({ title: '年份' })
    .optional(),
  mine: label(zBool, '我参加的').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type ClassListQuery = z.infer<typeof classListQuery>;

const classActions = z.array(z.enum(['manage', 'signup', 'withdraw']));
export const classItem = z.object({
  id: z.string(),
  code: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  topic: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  place: z.string().nullable(),
  online: z.boolean(),
  hours: z.number(),
  capacity: z.number().int().nullable(),
  enrollment: z.enum(['assign', 'signup']),
  signupUntil: z.string().nullable(),
  phase: z.enum(['upcoming', 'ongoing', 'ended', 'cancelled']),
  participantCount: z.number().int(),
  presentCount: z.number().int(),
  attendanceRecorded: z.boolean(),
  myStatus: z.string().nullable(),
  actions: classActions,
});
export const participantItem = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  orgName: z.string(),
  source: z.enum(['assigned', 'signup']),
  status: z.string(),
  statusLabel: z.string(),
  hours: z.number().nullable(),
  certificateNo: z.string().nullable(),
});
export const classDetail = classItem.extend({
  description: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  surveyId: z.string().nullable(),
  participantOrgs: z.array(z.object({ id: z.string(), name: z.string() })),
  courses: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      topic: z.string(),
      hours: z.number(),
      teacherName: z.string().nullable(),
    }),
  ),
  participants: z.array(participantItem),
  myCertificateId: z.string().nullable(),
});
export const classList = pagedList(classItem);
export type ClassItem = z.infer<typeof classItem>;
export type ClassDetail = z.infer<typeof classDetail>;
export type ParticipantItem = z.infer<typeof participantItem>;

export const certificate = z.object({
  id: z.string(),
  no: z.string(),
  personName: z.string(),
  orgName: z.string(),
  classTitle: z.string(),
  classCode: z.string(),
  organizer: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  hours: z.number(),
  courses: z.array(z.string()),
  issuedOn: z.string(),
});
export type Certificate = z.infer<typeof certificate>;

// ==== study content ====

export const createContentBody = z.object({
  orgId: label(zUuid, '发布组织'),
  title: label(zRequiredText(100), '标题'),
  kind: label(
    z.enum(CONTENT_KINDS, { error: '应为 article（文章）、document（文件资料）或 video（视频）' }),
    '类型',
  ),
  topic: label(zTopic, '主题'),
  body: label(zText(50000), '正文').nullish(),
  url: label(zUrl, '链接').nullish(),
  minutes: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1 分钟').max(600, '不能超过 600 分钟'),
    '学习时长（分钟）',
  ),
  hours: label(zHours, '学时'),
  audienceOrgIds: label(z.array(label(zUuid, '组织')).min(1, '至少选择一个组织').max(200), '发布范围'),
  required: label(z.boolean({ error: '应为是或否' }), '必学').optional(),
  dueOn: label(zDate, '完成期限').nullish(),
});
export type CreateContentBody = z.infer<typeof createContentBody>;
export const heartbeatBody = z.object({
  seconds: label(
    z.number({ error: '应为数字' }).int('应为整数').min(0, '不能为负数').max(120, '不能超过 120 秒'),
    '本次学习秒数',
  ),
});
export const contentListQuery = z.object({
  orgId: orgFilter,
  kind: label(z.enum(CONTENT_KINDS, { error: '应为 article、document 或 video' }), '类型').optional(),
  required: label(zBool, '必学').optional(),
  status: label(z.enum(['todo', 'done'], { error: '应为 todo 或 done' }), '完成情况').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type ContentListQuery = z.infer<typeof contentListQuery>;
const myProgress = z.object({
  openedAt: z.string().nullable(),
  seconds: z.number().int(),
  finishedOn: z.string().nullable(),
});
export const contentItem = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  kind: z.enum(CONTENT_KINDS),
  kindLabel: z.string(),
  topic: z.string(),
  minutes: z.number().int(),
  hours: z.number(),
  required: z.boolean(),
  dueOn: z.string().nullable(),
  publishedOn: z.string(),
  my: myProgress.nullable(),
  stats: z.object({ audience: z.number().int(), finished: z.number().int() }).nullable(),
  actions: z.array(z.enum(['study', 'results', 'upload'])),
});
export const contentDetail = contentItem.extend({
  body: z.string().nullable(),
  url: z.string().nullable(),
  files: z.array(fileRef),
  audienceOrgs: z.array(z.object({ id: z.string(), name: z.string() })),
  finishSeconds: z.number().int(),
  heartbeatSeconds: z.number().int(),
});
export const contentList = pagedList(contentItem);
export const progressAnswer = z.object({
  seconds: z.number().int(),
  capSeconds: z.number().int(),
  finishSeconds: z.number().int(),
  finishedOn: z.string().nullable(),
  canFinish: z.boolean(),
});
export type ContentItem = z.infer<typeof contentItem>;
export type ContentDetail = z.infer<typeof contentDetail>;
export type ProgressAnswer = z.infer<typeof progressAnswer>;
