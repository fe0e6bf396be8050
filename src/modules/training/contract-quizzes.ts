import { z } from 'zod';
import { pagedList } from '../../platform/http';
import { zDate, zPage, zPageSize, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { QUESTION_KINDS } from './rules';

/** The question bank and quizzes: requests and answers (re-exported by contract.ts). */

const zTopic = zRequiredText(40);
const orgFilter = label(zUuid, '组织').optional();

// ==== question bank and quizzes ====

const questionKind = z.enum(QUESTION_KINDS, {
  error: '题型应为 single（单选）、multiple（多选）或 judge（判断）',
});
const questionFields = {
  kind: label(questionKind, '题型'),
  text: label(zRequiredText(1000), '题干'),
  options: label(
    z
      .array(label(zRequiredText(200), '选项'))
      .min(2, '至少 2 个选项')
      .max(8, '最多 8 个选项'),
    '选项',
  ),
  answer: label(
    z
      .array(
        label(
          z.number({ error: '应为数字' }).int('应为整数').min(0, '不能为负数').max(7, '超出选项范围'),
          '答案序号',
        ),
      )
      .min(1, '请给出答案')
      .max(8),
    '答案',
  ),
  explanation: label(zText(1000), '解析').nullish(),
};
export const createQuestionBody = z.object({
  orgId: label(zUuid, '所属组织'),
  topic: label(zTopic, '主题'),
  ...questionFields,
});
export type CreateQuestionBody = z.infer<typeof createQuestionBody>;
export const questionListQuery = z.object({
  orgId: orgFilter,
  topic: label(zText(40), '主题').optional(),
  kind: label(questionKind, '题型').optional(),
  q: label(zText(40), '关键词').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type QuestionListQuery = z.infer<typeof questionListQuery>;
export const bankQuestion = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind: questionKind,
  kindLabel: z.string(),
  text: z.string(),
  options: z.array(z.string()),
  /** Null for a superior's question: usable in quizzes, its answer not shown. */
  answer: z.array(z.number().int()).nullable(),
  explanation: z.string().nullable(),
  topic: z.string(),
  createdAt: z.string(),
});
export const questionList = pagedList(bankQuestion);
export type BankQuestion = z.infer<typeof bankQuestion>;

export const createQuizBody = z.object({
  orgId: label(zUuid, '发布组织'),
  title: label(zRequiredText(100), '测试名称'),
  topic: label(zText(40), '主题').nullish(),
  passScore: label(
    z.number({ error: '应为数字' }).int('应为整数').min(0, '不能小于 0').max(100, '不能大于 100'),
    '及格分',
  ),
  mode: label(
    z.enum(['fixed', 'random'], { error: '应为 fixed（固定试题）或 random（每次随机抽题）' }),
    '出题方式',
  ).optional(),
  questions: label(z.array(z.object({ ...questionFields })).max(100, '最多 100 题'), '新试题').optional(),
  questionIds: label(z.array(label(zUuid, '试题')).max(100, '最多 100 题'), '题库试题').optional(),
  drawCount: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1 题').max(100, '最多 100 题'),
    '每次抽题数',
  ).nullish(),
  timeLimitMinutes: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1 分钟').max(300, '不能超过 300 分钟'),
    '限时（分钟）',
  ).nullish(),
  maxAttempts: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1 次').max(20, '最多 20 次'),
    '可答次数',
  ).nullish(),
  audienceOrgIds: label(
    z.array(label(zUuid, '组织')).min(1, '至少选择一个组织').max(200),
    '参加范围',
  ).optional(),
  closesOn: label(zDate, '截止日期').nullish(),
});
export type CreateQuizBody = z.infer<typeof createQuizBody>;
export const attemptBody = z.object({
  answers: label(
    z
      .array(
        z.object({
          questionId: label(zUuid, '试题'),
          choices: label(
            z
              .array(
                label(
                  z.number({ error: '应为数字' }).int('应为整数').min(0).max(7, '超出选项范围'),
                  '选项序号',
                ),
              )
              .max(8),
            '所选选项',
          ),
        }),
      )
      .max(100),
    '答案',
  ),
});
export type AttemptBody = z.infer<typeof attemptBody>;
export const quizListQuery = z.object({
  orgId: orgFilter,
  status: label(z.enum(['open', 'closed'], { error: '应为 open 或 closed' }), '状态').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type QuizListQuery = z.infer<typeof quizListQuery>;

export const quizItem = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  topic: z.string().nullable(),
  mode: z.enum(['fixed', 'random']),
  questionCount: z.number().int(),
  timeLimitMinutes: z.number().int().nullable(),
  passScore: z.number().int(),
  maxAttempts: z.number().int().nullable(),
  closesOn: z.string().nullable(),
  publishedOn: z.string(),
  open: z.boolean(),
  my: z
    .object({ attempts: z.number().int(), bestScore: z.number().int().nullable(), passed: z.boolean() })
    .nullable(),
  actions: z.array(z.enum(['take', 'results'])),
});
/** A question as a member sees it before submitting: never its answer. */
export const quizQuestion = z.object({
  id: z.string(),
  kind: questionKind,
  text: z.string(),
  options: z.array(z.string()),
});
export const quizDetail = quizItem.extend({
  questions: z.array(quizQuestion),
  openAttempt: z
    .object({ id: z.string(), startedAt: z.string(), deadlineAt: z.string().nullable() })
    .nullable(),
  attempts: z.array(
    z.object({
      id: z.string(),
      submittedAt: z.string().nullable(),
      score: z.number().int().nullable(),
      passed: z.boolean().nullable(),
      late: z.boolean(),
    }),
  ),
});
export const startedAttempt = z.object({
  attemptId: z.string(),
  startedAt: z.string(),
  deadlineAt: z.string().nullable(),
  questions: z.array(quizQuestion),
});
export const attemptResult = z.object({
  attemptId: z.string(),
  score: z.number().int(),
  passed: z.boolean(),
  correct: z.number().int(),
  total: z.number().int(),
  late: z.boolean(),
  attemptsLeft: z.number().int().nullable(),
  review: z.array(
    z.object({
      questionId: z.string(),
      kind: questionKind,
      text: z.string(),
      options: z.array(z.string()),
      choices: z.array(z.number().int()),
      answer: z.array(z.number().int()),
      correct: z.boolean(),
      explanation: z.string().nullable(),
    }),
  ),
});
export const quizResults = z.object({
  quiz: quizItem,
  people: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      orgName: z.string(),
      attempts: z.number().int(),
      bestScore: z.number().int(),
      passed: z.boolean(),
    }),
  ),
  branches: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      people: z.number().int(),
      passed: z.number().int(),
      avgScore: z.number(),
    }),
  ),
  questions: z.array(
    z.object({
      questionId: z.string(),
      text: z.string(),
      kind: questionKind,
      answered: z.number().int(),
      wrong: z.number().int(),
      wrongRate: z.number(),
    }),
  ),
});
export const quizList = pagedList(quizItem);
export type QuizItem = z.infer<typeof quizItem>;
export type QuizDetail = z.infer<typeof quizDetail>;
export type QuizQuestion = z.infer<typeof quizQuestion>;
export type StartedAttempt = z.infer<typeof startedAttempt>;
export type AttemptResult = z.infer<typeof attemptResult>;
export type QuizResults = z.infer<typeof quizResults>;
