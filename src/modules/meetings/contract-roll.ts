import { z } from 'zod';
import { POSTS } from '../../kernel/orgs/api';
import { label } from '../../platform/labels';
import { count, date, nstr, requiredText, text, uuid } from './contract-fields';
import { LEFT_OUT_REASONS } from './roll';
import { ATTENDANCE_STATUSES, VOTE_TYPES } from './rules';

/**
 * Who attends and votes: the roll call and votes of a record, the roster of a day, the organizations
 * one may record for, and members' own part (signing in, asking leave, making up).
 */

export const attendanceInput = z.object({
  personId: uuid('人员'),
  /** The secretary confirms the member's 补学. */
  makeUpConfirmed: label(z.boolean({ error: '应为 true 或 false' }), '确认补学').optional(),
  status: label(
    z.enum(ATTENDANCE_STATUSES, { error: '应为 present（出席）、leave（请假）或 absent（缺席）' }),
    '出勤状态',
  ),
  reason: text('请假原因', 200).nullish(),
  makeUpOn: date('补学日期').nullish(),
  makeUpHow: text('补学方式', 200).nullish(),
});

export const candidateInput = z.object({
  personId: uuid('候选人'),
  post: label(z.enum(POSTS, { error: `应为 ${POSTS.join('、')} 之一` }), '拟任职务').nullish(),
  yes: count('赞成票'),
  no: count('反对票'),
  abstain: count('弃权票'),
});

export const voteInput = z.object({
  subject: requiredText('表决事项', 200),
  type: label(
    z.enum(VOTE_TYPES, { error: '应为 admission、full_membership、election 或 decision' }),
    '表决类型',
  ),
  yes: count('赞成票').default(0),
  no: count('反对票').default(0),
  abstain: count('弃权票').default(0),
  writtenYes: count('书面赞成意见').optional(),
  writtenNo: count('书面反对意见').optional(),
  writtenAbstain: count('书面弃权意见').optional(),
  candidates: label(
    z.array(candidateInput, { error: '应为列表' }).max(15, '最多 15 人'),
    '候选人',
  ).optional(),
  newTerm: label(z.boolean({ error: '应为 true 或 false' }), '换届选举').optional(),
  termReason: text('提前或延期换届的原因', 500).nullish(),
});

export const rosterQuery = z.object({ orgId: uuid('组织'), date: date('日期').optional() });

export const attendanceEntry = z.object({
  personId: z.string(),
  name: z.string(),
  partyStatus: z.string(),
  exempt: z.boolean(),
  status: z.enum(ATTENDANCE_STATUSES),
  reason: z.string().nullish(),
  makeUpOn: z.string().nullish(),
  makeUpHow: z.string().nullish(),
  guest: z.boolean().optional(),
  suspended: z.boolean().optional(),
  signedInAt: z.string().nullish(),
  leaveRequestedAt: z.string().nullish(),
  makeUpMemberAt: z.string().nullish(),
  makeUpSecretaryAt: z.string().nullish(),
});

const candidateView = z.object({
  personId: z.string(),
  post: nstr.optional(),
  yes: z.number(),
  no: z.number(),
  abstain: z.number(),
});
export const voteView = z.object({
  subject: z.string(),
  type: z.enum(VOTE_TYPES),
  yes: z.number(),
  no: z.number(),
  abstain: z.number(),
  writtenYes: z.number().optional(),
  writtenNo: z.number().optional(),
  writtenAbstain: z.number().optional(),
  typeLabel: z.string(),
  candidates: z.array(candidateView).optional(),
  newTerm: z.boolean().optional(),
  termReason: nstr.optional(),
  tally: z.object({
    eligible: z.number(),
    presentVoters: z.number(),
    quorum: z.boolean(),
    yesTotal: z.number(),
    noTotal: z.number(),
    abstainTotal: z.number(),
    threshold: z.number(),
    passed: z.boolean(),
    candidates: z.array(candidateView.extend({ name: z.string(), elected: z.boolean() })),
  }),
  resolution: z.string(),
});
export type VoteView = z.infer<typeof voteView>;

export const leftOutItem = z.object({
  personId: z.string(),
  name: z.string(),
  reason: z.enum(LEFT_OUT_REASONS),
  label: z.string(),
});

export const rosterPerson = z.object({
  personId: z.string(),
  name: z.string(),
  partyStatus: z.string(),
  exempt: z.boolean(),
  /** 停止党籍 that day: no vote, not in 应到. */
  suspended: z.boolean(),
  partyGroupId: nstr,
  partyPosts: nstr,
  /** The committee posts held that day (书记, 组织委员, …). */
  posts: z.array(z.string()),
  /** Holds a post of the committee that existed that day: on the 应到 list of a committee meeting. */
  committee: z.boolean(),
});
export type RosterPerson = z.infer<typeof rosterPerson>;
export const rosterResponse = z.object({
  orgId: z.string(),
  date: z.string(),
  items: z.array(rosterPerson),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The 应到 of a committee meeting: the members holding a post of the committee that day. */
  committee: z.array(z.string()),
  /** A committee existed that day (not only a secretary and deputy). */
  hasCommittee: z.boolean(),
});
export type RosterResponse = z.infer<typeof rosterResponse>;

/**
 * The organizations the caller may record a meeting for: their branches and those branches' groups,
 * including the groups that hung under them before moving away (for the days they did).
 */
export const recordableOrgs = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      type: z.enum(['branch', 'party_group']),
      parentId: nstr,
      hasCommittee: z.boolean(),
      establishedOn: z.string(),
      /** Dissolved or merged: only late records for the days before it. */
      dissolvedOn: nstr,
      /**
       * A party group listed under the branch it hung under before it moved away (with a merge): only
       * late records for the days `[from, until)`, which count for that branch; null for the others.
       */
      formerSpan: z.object({ from: z.string(), until: z.string() }).nullable(),
    }),
  ),
});
export type RecordableOrg = z.infer<typeof recordableOrgs>['items'][number];

export const signInBody = z
  .object({
    code: label(
      z
        .string({ error: '应为文字' })
        .trim()
        .regex(/^\d{6}$/, '应为 6 位数字'),
      '签到码',
    ).optional(),
  })
  .optional();
export const leaveBody = z.object({ reason: requiredText('请假原因', 200) });
export const makeUpBody = z.object({ on: date('补学日期'), how: requiredText('补学方式', 200) });
export const confirmMakeUpBody = z.object({ personId: uuid('党员') });

export const signInCodeResponse = z.object({ code: z.string(), validOn: z.string(), path: z.string() });
