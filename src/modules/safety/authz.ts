import { sql } from 'drizzle-orm';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import type { AuthzCase, AuthzCaseFactory, Fixtures, TestEnvLike } from '../../platform/testing';
import { addDays } from './rules';

const admins = ['demo-sysadmin', 'demo-auditor'];
const strangers = ['other-secretary', 'other-general', ...admins];
const notSelf = [...strangers, 'demo-member'];

/** One of each object, made by its insider, for the cases to read and act on. */
async function setup(env: TestEnvLike, fx: Fixtures, today: string) {
  const secretary = await env.login('demo-secretary');
  const general = await env.login('demo-general');
  const [worker, worker2] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select p.id from people p where p.org_id = ${fx.branchId} and p.party_status = 'masses' and p.ended_on is null
        and not exists (select 1 from weak_persons w where w.person_id = p.id and w.ended_on is null)
        and exists (select 1 from person_memberships m where m.person_id = p.id and m.valid_to is null
                    and m.valid_from <= ${addDays(today, -30)})
        and p.id <> ${fx.memberPersonId} order by p.employee_no desc limit 2`,
  );
  const violation = await secretary.post('/api/v1/violations', {
    personId: worker.id,
    kind: 'rule_breach',
    occurredOn: addDays(today, -1),
    category: 'labor_safety',
    description: '授权测试用违章',
  });
  const violationId = violation.json().id as string;
  const notice = await general.post('/api/v1/safety/notices', {
    orgId: fx.generalId,
    title: '授权测试通报',
    body: '通报正文',
    violationIds: [violationId],
  });
  const analysis = await secretary.post('/api/v1/safety/analyses', {
    orgId: fx.branchId,
    periodFrom: `${today.slice(0, 4)}-01-01`,
    periodTo: today,
    rootCauses: '作业标准执行不严',
    measures: '班前点名强调',
    dueOn: addDays(today, 30),
  });
  const weak = await secretary.post('/api/v1/safety/weak-persons', {
    personId: worker.id,
    mentorPersonId: fx.secretaryPersonId,
    reason: '授权测试',
    goals: '三个月内不再违章',
    startedOn: today,
  });
  const project = await secretary.post('/api/v1/safety/projects', {
    orgId: fx.branchId,
    title: '授权测试攻关',
    problem: '调车作业违章多发',
    target: '违章减半',
    leaderPersonId: fx.secretaryPersonId,
    startedOn: today,
  });
  for (const r of [violation, notice, analysis, weak, project])
    if (r.statusCode !== 201) throw new Error(`safety authz setup: ${r.statusCode} ${r.body}`);
  return {
    worker: worker.id,
    worker2: worker2.id,
    violationId,
    n: `/api/v1/safety/notices/${notice.json().id}`,
    a: `/api/v1/safety/analyses/${analysis.json().id}`,
    w: `/api/v1/safety/weak-persons/${weak.json().id}`,
    p: `/api/v1/safety/projects/${project.json().id}`,
  };
}

type Made = Awaited<ReturnType<typeof setup>>;

/** Violations, the board, the to-do and the settings. */
const violationCases = (fx: Fixtures, m: Made, today: string, b = fx.branchId): AuthzCase[] => [
  {
    route: 'GET /api/v1/violations/categories',
    url: '/api/v1/violations/categories',
    outsiders: admins,
    insider: 'demo-member',
  },
  {
    route: 'GET /api/v1/violations',
    url: `/api/v1/violations?orgId=${b}`,
    outsiders: strangers,
    insider: 'demo-secretary',
  },
  {
    route: 'POST /api/v1/violations',
    url: '/api/v1/violations',
    body: {
      personId: m.worker,
      kind: 'rule_breach',
      occurredOn: today,
      category: 'shunting',
      description: '探测',
    },
    outsiders: notSelf,
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/violations/export',
    url: `/api/v1/violations/export?orgId=${b}`,
    outsiders: strangers,
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/violations/:id',
    url: `/api/v1/violations/${m.violationId}`,
    outsiders: notSelf,
    insider: 'demo-general',
  },
  {
    route: 'GET /api/v1/safety/analysis',
    url: `/api/v1/safety/analysis?orgId=${b}`,
    outsiders: notSelf,
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/safety/board',
    url: `/api/v1/safety/board?orgId=${b}`,
    outsiders: notSelf,
    insider: 'demo-committee',
  },
  {
    route: 'GET /api/v1/safety/todo',
    url: '/api/v1/safety/todo',
    outsiders: admins,
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/safety/settings',
    url: '/api/v1/safety/settings',
    outsiders: ['demo-member', ...admins],
    insider: 'demo-secretary',
  },
  {
    route: 'PUT /api/v1/safety/settings',
    url: '/api/v1/safety/settings',
    body: { talkDueDays: 3 },
    outsiders: ['demo-general', 'demo-secretary', ...notSelf],
    insider: 'demo-committee',
  },
];

/** Notices and analyses. */
const noticeAndAnalysisCases = (
  fx: Fixtures,
  { n, a }: Made,
  today: string,
  b = fx.branchId,
): AuthzCase[] => [
  {
    route: 'GET /api/v1/safety/notices',
    url: `/api/v1/safety/notices?orgId=${b}`,
    outsiders: notSelf,
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/safety/notices/export',
    url: `/api/v1/safety/notices/export?orgId=${b}`,
    outsiders: notSelf,
    insider: 'demo-secretary',
  },
  {
    route: 'POST /api/v1/safety/notices',
    url: '/api/v1/safety/notices',
    body: { orgId: fx.generalId, title: '探测', body: '探测', violationIds: [] },
    outsiders: ['demo-secretary', ...notSelf],
    insider: 'demo-general',
  },
  {
    route: 'GET /api/v1/safety/notices/:id',
    url: n,
    outsiders: ['other-general', 'demo-member', ...admins],
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/safety/notices/:id/export',
    url: `${n}/export`,
    outsiders: ['other-general', 'demo-member', ...admins],
    insider: 'demo-general',
  },
  {
    route: 'POST /api/v1/safety/notices/:id/read',
    url: `${n}/read`,
    outsiders: ['demo-general', 'other-general', 'demo-member', ...admins],
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/safety/analyses',
    url: `/api/v1/safety/analyses?orgId=${b}`,
    outsiders: notSelf,
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/safety/analyses/export',
    url: `/api/v1/safety/analyses/export?orgId=${b}`,
    outsiders: notSelf,
    insider: 'demo-general',
  },
  {
    route: 'POST /api/v1/safety/analyses',
    url: '/api/v1/safety/analyses',
    body: {
      orgId: b,
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      rootCauses: '探测',
      measures: '探测',
      dueOn: today,
    },
    outsiders: notSelf,
    insider: 'demo-secretary',
  },
  { route: 'GET /api/v1/safety/analyses/:id', url: a, outsiders: notSelf, insider: 'demo-general' },
  {
    route: 'POST /api/v1/safety/analyses/:id/close',
    url: `${a}/close`,
    body: { comment: '整改到位' },
    outsiders: ['demo-secretary', ...notSelf],
    insider: 'demo-general',
  },
];

/** Weak workers and tackling projects. */
const mentoringAndProjectCases = (fx: Fixtures, m: Made, today: string, b = fx.branchId): AuthzCase[] => [
  {
    route: 'GET /api/v1/safety/weak-persons',
    url: `/api/v1/safety/weak-persons?orgId=${b}`,
    outsiders: strangers,
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/safety/weak-persons/export',
    url: `/api/v1/safety/weak-persons/export?orgId=${b}`,
    outsiders: strangers,
    insider: 'demo-general',
  },
  {
    route: 'GET /api/v1/safety/weak-persons/candidates',
    url: `/api/v1/safety/weak-persons/candidates?orgId=${b}`,
    outsiders: notSelf,
    insider: 'demo-secretary',
  },
  {
    route: 'POST /api/v1/safety/weak-persons',
    url: '/api/v1/safety/weak-persons',
    body: {
      personId: m.worker2,
      mentorPersonId: fx.secretaryPersonId,
      reason: '探测',
      goals: '探测',
      startedOn: today,
    },
    outsiders: notSelf,
    insider: 'demo-secretary',
  },
  { route: 'GET /api/v1/safety/weak-persons/:id', url: m.w, outsiders: notSelf, insider: 'demo-general' },
  {
    route: 'POST /api/v1/safety/weak-persons/:id/followups',
    url: `${m.w}/followups`,
    body: { heldOn: today, note: '帮教谈话一次' },
    outsiders: notSelf,
    insider: 'demo-secretary',
  },
  {
    route: 'POST /api/v1/safety/weak-persons/:id/end',
    url: `${m.w}/end`,
    body: { endedOn: today, outcome: 'improved' },
    outsiders: notSelf,
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/safety/projects',
    url: `/api/v1/safety/projects?orgId=${b}`,
    outsiders: strangers,
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/safety/projects/export',
    url: `/api/v1/safety/projects/export?orgId=${b}`,
    outsiders: strangers,
    insider: 'demo-secretary',
  },
  {
    route: 'POST /api/v1/safety/projects',
    url: '/api/v1/safety/projects',
    body: {
      orgId: b,
      title: '探测',
      problem: '探测',
      target: '探测',
      leaderPersonId: fx.secretaryPersonId,
      startedOn: today,
    },
    outsiders: notSelf,
    insider: 'demo-secretary',
  },
  { route: 'GET /api/v1/safety/projects/:id', url: m.p, outsiders: notSelf, insider: 'demo-general' },
  {
    route: 'POST /api/v1/safety/projects/:id/updates',
    url: `${m.p}/updates`,
    body: { on: today, note: '完成第一轮培训' },
    outsiders: notSelf,
    insider: 'demo-secretary',
  },
  {
    route: 'POST /api/v1/safety/projects/:id/complete',
    url: `${m.p}/complete`,
    body: { result: '违章下降', evaluation: '良好' },
    outsiders: notSelf,
    insider: 'demo-general',
  },
];

export const authzCases: AuthzCaseFactory = async (env, fx) => {
  const today = todayLocal();
  const made = await setup(env, fx, today);
  return [
    ...violationCases(fx, made, today),
    ...noticeAndAnalysisCases(fx, made, today),
    ...mentoringAndProjectCases(fx, made, today),
  ];
};
