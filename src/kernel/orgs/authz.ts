import { todayLocal } from '../../platform/dates';
import type { AuthzCaseFactory } from '../../platform/testing';

/**
 * Every orgs route with an insider who succeeds and outsiders who are refused. The reorganizations act
 * on branches made for the purpose (one per route), so the demo branch and its neighbours stay as they
 * are for every other module's cases.
 */
export const authzCases: AuthzCaseFactory = async (env, fx) => {
  const committee = await env.login('demo-committee');
  const scratch = async (name: string) => {
    const res = await committee.post('/api/v1/orgs', {
      parentId: fx.generalId,
      type: 'branch',
      name,
      establishedOn: '2024-01-01',
    });
    if (res.statusCode !== 201) throw new Error(`scratch branch ${name}: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const [renamed, moved, merged, dissolved] = [
    await scratch('授权探测改名党支部'),
    await scratch('授权探测调整党支部'),
    await scratch('授权探测合并党支部'),
    await scratch('授权探测撤销党支部'),
  ];
  const today = todayLocal();
  const strangers = ['other-secretary', 'other-general', 'demo-auditor'];
  // A post to end: a full member made in the demo branch, appointed 委员 by the general branch.
  const general = await env.login('demo-general');
  const holder = await fx.newPerson(fx.branchId, 'full');
  const appointed = await general.post(`/api/v1/orgs/${fx.branchId}/committee`, {
    personId: holder,
    post: 'member',
    from: today,
  });
  if (appointed.statusCode !== 200) throw new Error(`appoint: ${appointed.statusCode} ${appointed.body}`);
  const postId = (appointed.json().posts as { id: string; post: string; personId: string }[]).find(
    (p) => p.post === 'member' && p.personId === holder,
  )!.id;
  const writers = [...strangers, 'demo-member', 'demo-sysadmin', 'demo-secadmin'];
  return [
    {
      route: 'GET /api/v1/orgs',
      url: '/api/v1/orgs',
      outsiders: ['demo-auditor'],
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/orgs',
      url: '/api/v1/orgs?on=2025-01-01',
      outsiders: ['demo-auditor'],
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/orgs/:id',
      url: `/api/v1/orgs/${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/orgs',
      url: '/api/v1/orgs',
      body: { parentId: fx.branchId, type: 'party_group', name: '探测党小组', establishedOn: '2024-01-01' },
      outsiders: writers,
      insider: 'demo-secretary',
    },
    {
      route: 'PATCH /api/v1/orgs/:id',
      url: `/api/v1/orgs/${renamed}`,
      body: { name: '改名探测' },
      outsiders: [...writers, 'demo-secretary'],
      insider: 'demo-general',
    },
    {
      route: 'POST /api/v1/orgs/:id/move',
      url: `/api/v1/orgs/${moved}/move`,
      body: { parentId: fx.otherGeneralId, on: today },
      outsiders: [...writers, 'demo-secretary', 'demo-general'],
      insider: 'demo-committee',
    },
    {
      route: 'POST /api/v1/orgs/:id/merge',
      url: `/api/v1/orgs/${merged}/merge`,
      body: { targetId: fx.otherBranchId, on: today },
      outsiders: [...writers, 'demo-secretary'],
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/orgs/:id/committee',
      url: `/api/v1/orgs/${fx.branchId}/committee?on=2025-06-01`,
      outsiders: strangers,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/orgs/:id/committee',
      url: `/api/v1/orgs/${fx.branchId}/committee`,
      body: { personId: holder, post: 'women', from: today },
      outsiders: [...writers, 'demo-secretary'],
      insider: 'demo-general',
    },
    {
      route: 'POST /api/v1/orgs/:id/committee/:postId/end',
      url: `/api/v1/orgs/${fx.branchId}/committee/${postId}/end`,
      body: { on: today, reason: '探测' },
      outsiders: [...writers, 'demo-secretary'],
      insider: 'demo-general',
    },
    {
      route: 'POST /api/v1/orgs/committee/import',
      url: '/api/v1/orgs/committee/import',
      body: { orgId: fx.committeeId },
      outsiders: [...writers, 'demo-secretary', 'demo-general'],
      insider: 'demo-committee',
    },
    {
      route: 'GET /api/v1/terms',
      url: `/api/v1/terms?orgId=${fx.generalId}`,
      outsiders: strangers,
      insider: 'demo-general',
    },
    {
      route: 'POST /api/v1/orgs/:id/terms',
      url: `/api/v1/orgs/${renamed}/terms`,
      body: { startedOn: today },
      outsiders: [...writers, 'demo-secretary'],
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/orgs/settings',
      url: '/api/v1/orgs/settings',
      outsiders: ['demo-member', 'demo-sysadmin', 'demo-auditor'],
      insider: 'demo-general',
    },
    {
      route: 'PATCH /api/v1/orgs/settings',
      url: '/api/v1/orgs/settings',
      body: { termReminderMonths: 6 },
      outsiders: [...writers, 'demo-secretary', 'demo-general'],
      insider: 'demo-committee',
    },
    {
      route: 'POST /api/v1/orgs/:id/dissolve',
      url: `/api/v1/orgs/${dissolved}/dissolve`,
      body: { on: today },
      outsiders: [...writers, 'demo-secretary'],
      insider: 'demo-general',
    },
  ];
};
