import type { AuthzCase, AuthzCaseFactory, Fixtures, TestEnvLike } from '../../platform/testing';

const admins = ['demo-sysadmin', 'demo-auditor'];
/** Not of the demo general branch: another branch's secretary, another general branch, the administrators. */
const strangers = ['other-secretary', 'other-general', ...admins];

/** One of each object, made by its insider, for the cases to read and act on. */
async function setup(env: TestEnvLike, fx: Fixtures) {
  const general = await env.login('demo-general');
  const secretary = await env.login('demo-secretary');
  const must = (r: { statusCode: number; body: string; json(): { id: string } }, what: string) => {
    if (r.statusCode !== 201) throw new Error(`assessment authz setup ${what}: ${r.statusCode} ${r.body}`);
    return r.json().id;
  };
  const items = [
    { name: '组织生活', maxPoints: 40, source: 'meeting_compliance' },
    { name: '检查评分', maxPoints: 60, source: 'manual' },
    { name: '督办逾期', maxPoints: 10, source: 'overdue_tasks' },
  ];
  const template = await general.post('/api/v1/assessment/templates', {
    name: '授权测试模板',
    target: 'branch',
    orgId: fx.generalId,
    items,
  });
  const templateId = must(template, 'template');
  const manualItem = (template.json() as { items: { id: string; source: string }[] }).items.find(
    (i) => i.source === 'manual',
  )!.id;
  const retired = must(
    await general.post('/api/v1/assessment/templates', {
      name: '授权测试停用',
      target: 'branch',
      orgId: fx.generalId,
      items,
    }),
    'retired template',
  );
  const revised = must(
    await general.post('/api/v1/assessment/templates', {
      name: '授权测试修订',
      target: 'branch',
      orgId: fx.generalId,
      items,
    }),
    'revised template',
  );
  const round = (name: string) =>
    general.post('/api/v1/assessment/rounds', {
      templateId,
      orgId: fx.generalId,
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      name,
    });
  const roundId = must(await round('授权测试考核'), 'round');
  const closing = must(await round('授权测试结束'), 'closing round');
  const personId = await fx.newPerson(fx.branchId);
  const zone = await secretary.post('/api/v1/assessment/zones', {
    orgId: fx.branchId,
    kind: 'zone',
    name: '授权测试责任区',
    area: '站台',
    goals: '零违章',
    personIds: [personId],
    startedOn: '2026-01-05',
  });
  const zoneId = must(zone, 'zone');
  return { templateId, manualItem, retired, revised, roundId, closing, personId, zoneId };
}

type Made = Awaited<ReturnType<typeof setup>>;

const templateCases = (fx: Fixtures, m: Made): AuthzCase[] => [
  {
    route: 'GET /api/v1/assessment/sources',
    url: '/api/v1/assessment/sources',
    outsiders: admins,
    insider: 'demo-member',
  },
  {
    route: 'GET /api/v1/assessment/templates',
    url: '/api/v1/assessment/templates',
    outsiders: ['demo-member', ...admins],
    outsiderSeesEmptyList: true,
    insider: 'demo-general',
  },
  {
    route: 'POST /api/v1/assessment/templates',
    url: '/api/v1/assessment/templates',
    body: {
      name: '授权测试新模板',
      target: 'branch',
      orgId: fx.generalId,
      items: [{ name: '检查', maxPoints: 100, source: 'manual' }],
    },
    outsiders: ['other-general', 'demo-secretary', 'demo-member', ...admins],
    insider: 'demo-general',
  },
  {
    route: 'GET /api/v1/assessment/templates/:id',
    url: `/api/v1/assessment/templates/${m.templateId}`,
    outsiders: ['other-general', 'demo-member', ...admins],
    insider: 'demo-secretary',
  },
  {
    route: 'POST /api/v1/assessment/templates/:id/revise',
    url: `/api/v1/assessment/templates/${m.revised}/revise`,
    body: { name: '授权测试修订二版', items: [{ name: '检查', maxPoints: 100, source: 'manual' }] },
    outsiders: ['other-general', 'demo-secretary', 'other-secretary', 'demo-member', ...admins],
    insider: 'demo-general',
  },
  {
    route: 'POST /api/v1/assessment/templates/:id/retire',
    url: `/api/v1/assessment/templates/${m.retired}/retire`,
    outsiders: ['other-general', 'demo-secretary', 'other-secretary', 'demo-member', ...admins],
    insider: 'demo-general',
  },
];

const roundCases = (fx: Fixtures, m: Made): AuthzCase[] => [
  {
    route: 'GET /api/v1/assessment/rounds',
    // The rounds that concern the secretary's branch: those over it and those over its general branch.
    url: `/api/v1/assessment/rounds?orgId=${fx.branchId}`,
    outsiders: strangers,
    insider: 'demo-secretary',
  },
  {
    route: 'POST /api/v1/assessment/rounds',
    url: '/api/v1/assessment/rounds',
    body: {
      templateId: m.templateId,
      orgId: fx.generalId,
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
    },
    outsiders: ['other-general', 'demo-secretary', 'other-secretary', 'demo-member', ...admins],
    insider: 'demo-general',
  },
  {
    route: 'GET /api/v1/assessment/rounds/:id',
    url: `/api/v1/assessment/rounds/${m.roundId}`,
    outsiders: ['other-general', 'demo-member', ...admins],
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/assessment/rounds/:id/results',
    url: `/api/v1/assessment/rounds/${m.roundId}/results`,
    outsiders: ['other-general', 'demo-member', ...admins],
    insider: 'demo-secretary',
  },
  {
    route: 'GET /api/v1/assessment/rounds/:id/results/:subjectId',
    url: `/api/v1/assessment/rounds/${m.roundId}/results/${fx.branchId}`,
    outsiders: [...strangers, 'demo-member'],
    insider: 'demo-secretary',
  },
  {
    route: 'POST /api/v1/assessment/rounds/:id/scores',
    url: `/api/v1/assessment/rounds/${m.roundId}/scores`,
    body: { subjectId: fx.branchId, itemId: m.manualItem, points: 50, reason: '台账齐全' },
    outsiders: [...strangers, 'demo-secretary', 'demo-member'],
    insider: 'demo-general',
  },
  {
    route: 'POST /api/v1/assessment/rounds/:id/close',
    url: `/api/v1/assessment/rounds/${m.closing}/close`,
    outsiders: [...strangers, 'demo-secretary', 'demo-member'],
    insider: 'demo-general',
  },
  {
    route: 'GET /api/v1/assessment/rounds/:id/export',
    url: `/api/v1/assessment/rounds/${m.roundId}/export`,
    outsiders: ['other-general', 'demo-member', ...admins],
    insider: 'demo-general',
  },
];

const zoneCases = (fx: Fixtures, m: Made): AuthzCase[] => [
  {
    route: 'GET /api/v1/assessment/zones',
    url: `/api/v1/assessment/zones?orgId=${fx.branchId}`,
    outsiders: strangers,
    insider: 'demo-secretary',
  },
  {
    route: 'POST /api/v1/assessment/zones',
    url: '/api/v1/assessment/zones',
    body: {
      orgId: fx.branchId,
      kind: 'model_post',
      name: '授权测试示范岗',
      area: '值班员岗位',
      goals: '标准化作业',
      personIds: [m.personId],
      startedOn: '2026-02-01',
    },
    outsiders: [...strangers, 'demo-member'],
    insider: 'demo-secretary',
  },
  {
    route: 'PUT /api/v1/assessment/zones/:id',
    url: `/api/v1/assessment/zones/${m.zoneId}`,
    body: {
      name: '授权测试责任区',
      area: '站台',
      goals: '零违章，零投诉',
      personIds: [m.personId],
      version: 1,
    },
    outsiders: [...strangers, 'demo-member'],
    insider: 'demo-secretary',
  },
  {
    route: 'POST /api/v1/assessment/zones/:id/end',
    url: `/api/v1/assessment/zones/${m.zoneId}/end`,
    body: { endedOn: '2026-11-01' },
    outsiders: [...strangers, 'demo-member'],
    insider: 'demo-general',
  },
  {
    route: 'GET /api/v1/assessment/branches/:orgId',
    url: `/api/v1/assessment/branches/${fx.branchId}`,
    outsiders: [...strangers, 'demo-member'],
    insider: 'demo-secretary',
  },
];

const overviewCases = (fx: Fixtures): AuthzCase[] => [
  {
    route: 'GET /api/v1/assessment/overview',
    url: `/api/v1/assessment/overview?orgId=${fx.generalId}`,
    outsiders: ['other-general', 'demo-secretary', 'demo-member', ...admins],
    insider: 'demo-general',
  },
  {
    route: 'GET /api/v1/assessment/overview/evidence',
    url: `/api/v1/assessment/overview/evidence?orgId=${fx.branchId}&kind=org_life`,
    outsiders: ['other-general', 'demo-secretary', 'other-secretary', 'demo-member', ...admins],
    insider: 'demo-general',
  },
  {
    route: 'GET /api/v1/assessment/overview/export',
    url: `/api/v1/assessment/overview/export?orgId=${fx.generalId}`,
    outsiders: ['other-general', 'demo-secretary', 'demo-member', ...admins],
    insider: 'demo-general',
  },
  {
    route: 'GET /api/v1/assessment/settings',
    url: '/api/v1/assessment/settings',
    outsiders: admins,
    insider: 'demo-member',
  },
  {
    route: 'PUT /api/v1/assessment/settings',
    url: '/api/v1/assessment/settings',
    body: { ranking: false },
    outsiders: ['demo-general', 'demo-secretary', 'demo-member', ...admins],
    insider: 'demo-committee',
  },
];

export const authzCases: AuthzCaseFactory = async (env, fx) => {
  const m = await setup(env, fx);
  return [...templateCases(fx, m), ...roundCases(fx, m), ...zoneCases(fx, m), ...overviewCases(fx)];
};
