import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db';
import type { AuthzCaseFactory } from '../../platform/testing';

export const authzCases: AuthzCaseFactory = async (env, fx) => {
  const [meeting] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select id from meetings where branch_id = ${fx.branchId} and status = 'submitted' order by held_at desc limit 1`,
  );
  const [person] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select id from people where org_id = ${fx.branchId} and party_status = 'full' order by employee_no limit 1`,
  );
  // The demo's plans: a theme party day next week and today's branch meeting open for sign-in.
  const plans = await queryRows<{ id: string; kind: string }>(
    env.ctx.db,
    sql`select id, kind from meetings where branch_id = ${fx.branchId} and status = 'draft'
        and held_on >= (now() at time zone 'Asia/Shanghai')::date order by held_on`,
  );
  const plan = plans.find((p) => p.kind !== 'branch_general_meeting') ?? plans[0];
  const today = plans.find((p) => p.kind === 'branch_general_meeting') ?? plans[0];
  const strangers = ['other-secretary', 'other-general', 'demo-sysadmin', 'demo-auditor'];
  const m = `/api/v1/meetings/${meeting.id}`;
  const year = new Date().getFullYear();
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
      outsiders: [],
      insider: 'demo-general',
      outsiderSeesEmptyList: true,
    },
    {
      route: 'GET /api/v1/meetings/export',
      url: `/api/v1/meetings/export?orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/meetings/todo',
      url: '/api/v1/meetings/todo',
      outsiders: [],
      insider: 'demo-secretary',
      outsiderSeesEmptyList: true,
    },
    {
      route: 'GET /api/v1/meetings/notices',
      url: '/api/v1/meetings/notices',
      outsiders: [],
      insider: 'demo-member',
      outsiderSeesEmptyList: true,
    },
    {
      route: 'GET /api/v1/meetings/roster',
      url: `/api/v1/meetings/roster?orgId=${fx.branchId}`,
      outsiders: [...strangers, 'demo-member', 'demo-general'],
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/meetings',
      url: '/api/v1/meetings',
      body: {
        orgId: fx.branchId,
        kind: 'branch_committee_meeting',
        topic: '探测',
        heldAt: '2025-03-05T09:00:00+08:00',
        place: '会议室',
        attendance: [{ personId: person.id, status: 'present' }],
      },
      outsiders: [...strangers, 'demo-member', 'demo-general'],
      insider: 'demo-secretary',
    },
    { route: 'GET /api/v1/meetings/:id', url: m, outsiders: strangers, insider: 'demo-member' },
    {
      route: 'PATCH /api/v1/meetings/:id',
      url: m,
      body: { topic: '探测', reason: '探测' },
      outsiders: [...strangers, 'demo-member', 'demo-general'],
    },
    {
      route: 'POST /api/v1/meetings/:id/submit',
      url: `${m}/submit`,
      body: {},
      outsiders: [...strangers, 'demo-member', 'demo-general'],
    },
    {
      route: 'POST /api/v1/meetings/:id/review',
      url: `${m}/review`,
      body: { decision: 'approve' },
      outsiders: [...strangers, 'demo-member', 'demo-secretary'],
    },
    {
      route: 'POST /api/v1/meetings/:id/cancel',
      url: `/api/v1/meetings/${plan.id}/cancel`,
      body: { reason: '探测' },
      outsiders: [...strangers, 'demo-member', 'demo-general'],
    },
    {
      route: 'POST /api/v1/meetings/:id/sign-in',
      url: `/api/v1/meetings/${today.id}/sign-in`,
      body: {},
      outsiders: [...strangers, 'demo-general'],
      insider: 'demo-member',
    },
    {
      route: 'GET /api/v1/meetings/:id/revisions',
      url: `${m}/revisions`,
      outsiders: strangers,
      insider: 'demo-general',
    },
    {
      route: 'POST /api/v1/meetings/:id/attachments',
      url: `${m}/attachments`,
      body: {},
      outsiders: [...strangers, 'demo-member', 'demo-general'],
    },
    {
      route: 'GET /api/v1/meetings/:id/attachments/:attachmentId',
      url: `${m}/attachments/${meeting.id}`,
      outsiders: strangers,
    },
    {
      route: 'DELETE /api/v1/meetings/:id/attachments/:attachmentId',
      url: `${m}/attachments/${meeting.id}`,
      outsiders: [...strangers, 'demo-member', 'demo-general'],
    },
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
      outsiders: [
        'other-secretary',
        'other-general',
        'demo-member',
        'demo-sysadmin',
        'demo-auditor',
        'demo-general',
      ],
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
