import { todayLocal } from '../../platform/dates';
import type { AuthzCase, AuthzCaseFactory, Fixtures, TestClient, TestEnvLike } from '../../platform/testing';
import { addDays } from './rules-periods';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('会议照片'),
]);

/** Uploads a small photo as the secretary; the attachment's id. */
async function attach(secretary: TestClient, meetingId: string): Promise<string> {
  const boundary = '----meetingsAuthz';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await secretary.request('POST', `/api/v1/meetings/${meetingId}/attachments`, body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
  if (res.statusCode !== 201) throw new Error(`attach: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

const strangers = ['other-secretary', 'other-general', 'demo-sysadmin', 'demo-auditor'];
const notRecorders = [...strangers, 'demo-member', 'demo-general'];

type Made = Awaited<ReturnType<typeof makeMeetings>>;

/**
 * The meetings the cases act on, made through the API as the demo secretary would: a submitted record
 * (read, revised, reviewed, with a photo), a draft to submit, a draft with a photo to remove, a plan to
 * cancel and today's branch meeting to sign in to.
 */
async function makeMeetings(env: TestEnvLike, fx: Fixtures) {
  const secretary = await env.login('demo-secretary');
  const today = todayLocal();
  const record = async (kind: string, day: string, topic: string) => {
    const res = await secretary.post('/api/v1/meetings', {
      orgId: fx.branchId,
      kind,
      topic,
      heldAt: `${day}T09:00:00+08:00`,
      place: '党员活动室',
      attendance: [],
    });
    if (res.statusCode !== 201) throw new Error(`record ${kind}: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const submitted = await record('branch_general_meeting', addDays(today, -3), '授权测试：已提交的记录');
  const sent = await secretary.post(`/api/v1/meetings/${submitted}/submit`, {});
  if (sent.statusCode !== 200) throw new Error(`submit: ${sent.statusCode} ${sent.body}`);
  const photo = await attach(secretary, submitted);
  const draft = await record('branch_general_meeting', addDays(today, -2), '授权测试：待提交的草稿');
  const draftWithPhoto = await record('theme_party_day', addDays(today, -1), '授权测试：带附件的草稿');
  const draftPhoto = await attach(secretary, draftWithPhoto);
  const plan = await record('theme_party_day', addDays(today, 3), '授权测试：计划中的主题党日');
  const todays = await record('branch_general_meeting', today, '授权测试：今天的支部党员大会');
  const person = await fx.newPerson(fx.branchId, 'full');
  return { today, submitted, photo, draft, draftWithPhoto, draftPhoto, plan, todays, person };
}

const readingCases = (fx: Fixtures, { submitted }: Made): AuthzCase[] => {
  const m = `/api/v1/meetings/${submitted}`;
  return [
    {
      route: 'GET /api/v1/meetings',
      url: `/api/v1/meetings?orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-member',
    },
    {
      route: 'GET /api/v1/meetings/review-queue',
      url: '/api/v1/meetings/review-queue',
      outsiders: ['demo-secretary', 'demo-member', 'demo-sysadmin', 'demo-auditor'],
      insider: 'demo-general',
      outsiderSeesEmptyList: true,
    },
    {
      route: 'GET /api/v1/meetings/todo',
      url: '/api/v1/meetings/todo',
      outsiders: ['demo-sysadmin', 'demo-auditor'],
      insider: 'demo-secretary',
      outsiderSeesEmptyList: true,
    },
    {
      route: 'GET /api/v1/meetings/notices',
      url: '/api/v1/meetings/notices',
      outsiders: ['other-general', 'demo-sysadmin', 'demo-auditor'],
      insider: 'demo-member',
      outsiderSeesEmptyList: true,
    },
    {
      route: 'GET /api/v1/meetings/recordable',
      url: '/api/v1/meetings/recordable',
      outsiders: [
        'other-general',
        'demo-member',
        'demo-general',
        'demo-committee',
        'demo-sysadmin',
        'demo-auditor',
      ],
      insider: 'demo-secretary',
      outsiderSeesEmptyList: true,
    },
    {
      route: 'GET /api/v1/meetings/roster',
      url: `/api/v1/meetings/roster?orgId=${fx.branchId}`,
      outsiders: notRecorders,
      insider: 'demo-secretary',
    },
    { route: 'GET /api/v1/meetings/:id', url: m, outsiders: strangers, insider: 'demo-member' },
    {
      route: 'GET /api/v1/meetings/follow-ups',
      url: '/api/v1/meetings/follow-ups',
      outsiders: ['demo-member', 'demo-general', 'demo-sysadmin', 'demo-auditor'],
      insider: 'demo-secretary',
      outsiderSeesEmptyList: true,
    },
    {
      route: 'GET /api/v1/meetings/members/:personId',
      url: `/api/v1/meetings/members/${fx.memberPersonId}`,
      outsiders: strangers,
      insider: 'demo-member',
      outsiderSeesEmptyList: true,
    },
    {
      route: 'GET /api/v1/meetings/:id/revisions',
      url: `${m}/revisions`,
      outsiders: strangers,
      insider: 'demo-general',
    },
  ];
};

const writingCases = (fx: Fixtures, { submitted, draft, plan, todays, person }: Made): AuthzCase[] => {
  const m = `/api/v1/meetings/${submitted}`;
  return [
    {
      route: 'POST /api/v1/meetings',
      url: '/api/v1/meetings',
      body: {
        orgId: fx.branchId,
        kind: 'branch_committee_meeting',
        topic: '探测',
        heldAt: '2025-03-05T09:00:00+08:00',
        place: '会议室',
        attendance: [{ personId: person, status: 'present' }],
      },
      outsiders: notRecorders,
      insider: 'demo-secretary',
    },
    {
      route: 'PATCH /api/v1/meetings/:id',
      url: m,
      body: { topic: '探测', reason: '探测' },
      outsiders: notRecorders,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/meetings/:id/submit',
      url: `/api/v1/meetings/${draft}/submit`,
      body: {},
      outsiders: notRecorders,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/meetings/:id/review',
      url: `${m}/review`,
      body: { decision: 'approve' },
      outsiders: [...strangers, 'demo-member', 'demo-secretary'],
      insider: 'demo-general',
    },
    {
      route: 'POST /api/v1/meetings/:id/cancel',
      url: `/api/v1/meetings/${plan}/cancel`,
      body: { reason: '探测' },
      outsiders: notRecorders,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/meetings/:id/sign-in',
      url: `/api/v1/meetings/${todays}/sign-in`,
      body: {},
      outsiders: [...strangers, 'demo-general'],
      insider: 'demo-member',
    },
    {
      route: 'GET /api/v1/meetings/:id/sign-in-code',
      url: `/api/v1/meetings/${todays}/sign-in-code`,
      outsiders: notRecorders,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/meetings/:id/leave',
      url: `/api/v1/meetings/${plan}/leave`,
      body: { reason: '倒班' },
      outsiders: [...strangers, 'demo-general'],
      insider: 'demo-member',
    },
    {
      route: 'POST /api/v1/meetings/:id/make-up',
      url: `${m}/make-up`,
      body: { on: todayLocal(), how: '自学会议材料' },
      outsiders: [...strangers, 'demo-general'],
      insider: 'demo-member',
    },
    {
      route: 'POST /api/v1/meetings/:id/make-up/confirm',
      url: `${m}/make-up/confirm`,
      body: { personId: fx.memberPersonId },
      outsiders: notRecorders,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/meetings/:id/follow-ups',
      url: `${m}/follow-ups`,
      body: { personId: fx.memberPersonId, doneOn: todayLocal(), note: '已谈心谈话' },
      outsiders: notRecorders,
      insider: 'demo-secretary',
    },
  ];
};

const fileCases = (fx: Fixtures, { submitted, photo, draftWithPhoto, draftPhoto }: Made): AuthzCase[] => {
  const m = `/api/v1/meetings/${submitted}`;
  return [
    {
      route: 'GET /api/v1/meetings/export',
      url: `/api/v1/meetings/export?orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/meetings/grades/export',
      url: `/api/v1/meetings/grades/export?orgId=${fx.branchId}&year=2025`,
      outsiders: strangers,
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/compliance/export',
      url: `/api/v1/compliance/export?orgId=${fx.branchId}&year=2026`,
      outsiders: strangers,
      insider: 'demo-general',
    },
    {
      // The insider reaches the upload's validation (a JSON body is not a file: 400).
      route: 'POST /api/v1/meetings/:id/attachments',
      url: `${m}/attachments`,
      body: {},
      outsiders: notRecorders,
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/meetings/:id/attachments/:attachmentId',
      url: `${m}/attachments/${photo}`,
      outsiders: strangers,
      insider: 'demo-member',
    },
    {
      route: 'DELETE /api/v1/meetings/:id/attachments/:attachmentId',
      url: `/api/v1/meetings/${draftWithPhoto}/attachments/${draftPhoto}`,
      outsiders: notRecorders,
      insider: 'demo-secretary',
    },
  ];
};

const oversightCases = (fx: Fixtures, { today }: Made): AuthzCase[] => {
  const year = Number(today.slice(0, 4));
  return [
    {
      route: 'GET /api/v1/meetings/settings',
      url: '/api/v1/meetings/settings',
      outsiders: ['demo-member', 'demo-sysadmin', 'demo-auditor'],
      insider: 'demo-general',
    },
    {
      route: 'PATCH /api/v1/meetings/settings',
      url: '/api/v1/meetings/settings',
      body: { lateAfterDays: 7 },
      outsiders: [...notRecorders, 'demo-secretary'],
      insider: 'demo-committee',
    },
    {
      route: 'GET /api/v1/compliance',
      url: `/api/v1/compliance?year=${year}&orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/compliance/attendance',
      url: `/api/v1/compliance/attendance?year=${year}&orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/compliance/matrix',
      url: `/api/v1/compliance/matrix?year=${year}&orgId=${fx.generalId}`,
      outsiders: strangers,
      insider: 'demo-committee',
    },
  ];
};

/** Every meetings route with an insider who succeeds and outsiders who are refused. */
export const authzCases: AuthzCaseFactory = async (env, fx) => {
  const made = await makeMeetings(env, fx);
  return [
    ...readingCases(fx, made),
    ...writingCases(fx, made),
    ...fileCases(fx, made),
    ...oversightCases(fx, made),
  ];
};
