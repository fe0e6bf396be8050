import { todayLocal } from '../../platform/dates';
import type { AuthzCaseFactory } from '../../platform/testing';

export const authzCases: AuthzCaseFactory = async (env, fx) => {
  const today = todayLocal();
  const secretary = await env.login('demo-secretary');
  const person = await fx.newPerson(fx.branchId, 'full');
  const talk = await secretary.post('/api/v1/talks', {
    personId: person,
    heldOn: today,
    kind: 'yearly',
    summary: '年度谈心谈话',
  });
  if (talk.statusCode !== 201) throw new Error(`talks authz setup: ${talk.statusCode} ${talk.body}`);
  const strangers = ['other-secretary', 'other-general', 'demo-sysadmin', 'demo-auditor'];
  const notSelf = [...strangers, 'demo-member'];
  const b = fx.branchId;
  return [
    {
      route: 'GET /api/v1/talks/obligations',
      url: `/api/v1/talks/obligations?orgId=${b}`,
      outsiders: notSelf,
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/talks/obligations/export',
      url: `/api/v1/talks/obligations/export?orgId=${b}`,
      outsiders: notSelf,
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/talks/coverage',
      url: `/api/v1/talks/coverage?orgId=${b}`,
      outsiders: notSelf,
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/talks',
      url: `/api/v1/talks?orgId=${b}`,
      outsiders: notSelf,
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/talks/export',
      url: `/api/v1/talks/export?orgId=${b}`,
      outsiders: notSelf,
      insider: 'demo-general',
    },
    {
      route: 'POST /api/v1/talks',
      url: '/api/v1/talks',
      body: { personId: person, heldOn: today, kind: 'other', summary: '探测' },
      outsiders: notSelf,
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/talks/:id',
      url: `/api/v1/talks/${talk.json().id}`,
      outsiders: notSelf,
      insider: 'demo-committee',
    },
  ];
};
