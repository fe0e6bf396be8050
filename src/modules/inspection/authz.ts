import { todayLocal } from '../../platform/dates';
import type { AuthzCase, AuthzCaseFactory, Fixtures, TestClient, TestEnvLike } from '../../platform/testing';
import { addDays } from './rules';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('整改照片'),
]);

/** Uploads a small photo; the file's id. */
export async function uploadPng(client: TestClient, url: string): Promise<string> {
  const boundary = '----inspectionAuthz';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="整改.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await client.request('POST', url, body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
  if (res.statusCode !== 201) throw new Error(`upload ${url}: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

const admins = ['demo-sysadmin', 'demo-auditor'];
const strangers = ['other-secretary', 'other-general', 'demo-member', ...admins];

/**
 * An inspection of the demo branch by the demo general branch with three rectifications (one to
 * answer, one answered to close, one closed to reopen), a checklist, and evidence photos.
 */
async function setup(env: TestEnvLike, fx: Fixtures) {
  const general = await env.login('demo-general');
  const secretary = await env.login('demo-secretary');
  const today = todayLocal();
  const ok = (res: { statusCode: number; body: string }, what: string) => {
    if (res.statusCode >= 300) throw new Error(`inspection authz ${what}: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body);
  };
  const checklist = ok(
    await general.post('/api/v1/inspections/checklists', {
      orgId: fx.generalId,
      name: '授权测试清单',
      items: [{ title: '三会一课' }, { title: '谈心谈话' }],
    }),
    'checklist',
  );
  const ins = ok(
    await general.post('/api/v1/inspections', {
      orgId: fx.branchId,
      title: '授权测试检查',
      checklistId: checklist.id,
    }),
    'inspection',
  );
  const base = `/api/v1/inspections/${ins.id}`;
  const finding = async (finding: string) =>
    ok(
      await general.post(`${base}/findings`, { item: 'i1', finding, rectifyBy: addDays(today, 10) }),
      'finding',
    );
  const toAnswer = await finding('授权测试：待整改');
  const toClose = await finding('授权测试：待验收');
  const toReopen = await finding('授权测试：已销号');
  for (const f of [toClose, toReopen])
    ok(
      await secretary.post(`/api/v1/rectifications/${f.rectificationId}/answer`, { content: '已整改' }),
      'answer',
    );
  ok(await general.post(`/api/v1/rectifications/${toReopen.rectificationId}/close`, {}), 'close');
  const photo = await uploadPng(general, `${base}/findings/${toAnswer.id}/files`);
  const spare = await uploadPng(general, `${base}/findings/${toAnswer.id}/files`);
  return { checklist: checklist.id, base, toAnswer, toClose, toReopen, photo, spare, today };
}

export const authzCases: AuthzCaseFactory = async (env, fx) => {
  const m = await setup(env, fx);
  const r = (f: { rectificationId: string }) => `/api/v1/rectifications/${f.rectificationId}`;
  const notInspector = ['demo-secretary', ...strangers];
  const cases: AuthzCase[] = [
    {
      route: 'GET /api/v1/inspections/checklists',
      url: '/api/v1/inspections/checklists',
      outsiders: ['demo-member', ...admins],
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/inspections/checklists',
      url: '/api/v1/inspections/checklists',
      body: { orgId: fx.generalId, name: '探测清单', items: [{ title: '探测' }] },
      outsiders: notInspector,
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/inspections/checklists/:id',
      url: `/api/v1/inspections/checklists/${m.checklist}`,
      outsiders: ['other-general', 'demo-member', ...admins],
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/inspections/checklists/:id/versions',
      url: `/api/v1/inspections/checklists/${m.checklist}/versions`,
      body: { items: [{ key: 'i1', title: '三会一课' }, { title: '主题党日' }] },
      outsiders: ['demo-secretary', 'other-general', 'demo-member', ...admins],
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/inspections/settings',
      url: '/api/v1/inspections/settings',
      outsiders: ['demo-member', ...admins],
      insider: 'demo-secretary',
    },
    {
      route: 'PUT /api/v1/inspections/settings',
      url: '/api/v1/inspections/settings',
      body: { rectifyDays: 30 },
      outsiders: ['demo-general', ...notInspector],
      insider: 'demo-committee',
    },
    {
      route: 'GET /api/v1/inspections',
      url: '/api/v1/inspections',
      outsiders: ['demo-member', ...admins],
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/inspections',
      url: '/api/v1/inspections',
      body: { orgId: fx.branchId, title: '探测检查' },
      outsiders: notInspector,
      insider: 'demo-general',
    },
    { route: 'GET /api/v1/inspections/:id', url: m.base, outsiders: strangers, insider: 'demo-secretary' },
    {
      route: 'GET /api/v1/inspections/:id/records',
      url: `${m.base}/records`,
      outsiders: strangers,
      insider: 'demo-general',
    },
    {
      route: 'POST /api/v1/inspections/:id/findings',
      url: `${m.base}/findings`,
      body: { item: 'i2', finding: '探测发现', verdict: 'pass' },
      outsiders: notInspector,
      insider: 'demo-general',
    },
    {
      // The insider reaches the upload's validation (a JSON body is not a file: 400).
      route: 'POST /api/v1/inspections/:id/findings/:findingId/files',
      url: `${m.base}/findings/${m.toAnswer.id}/files`,
      body: {},
      outsiders: notInspector,
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/inspections/:id/files/:fileId',
      url: `${m.base}/files/${m.photo}`,
      outsiders: strangers,
      insider: 'demo-secretary',
    },
    {
      route: 'DELETE /api/v1/inspections/:id/files/:fileId',
      url: `${m.base}/files/${m.spare}`,
      outsiders: notInspector,
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/rectifications',
      url: `/api/v1/rectifications?orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/rectifications/ledger',
      url: `/api/v1/rectifications/ledger?orgId=${fx.generalId}`,
      outsiders: ['demo-secretary', ...strangers],
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/rectifications/export',
      url: `/api/v1/rectifications/export?orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/rectifications/:id',
      url: r(m.toAnswer),
      outsiders: strangers,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/rectifications/:id/files',
      url: `${r(m.toAnswer)}/files`,
      body: {},
      outsiders: ['demo-general', ...strangers],
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/rectifications/:id/answer',
      url: `${r(m.toAnswer)}/answer`,
      body: { content: '已完成整改' },
      outsiders: ['demo-general', ...strangers],
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/rectifications/:id/close',
      url: `${r(m.toClose)}/close`,
      body: { comment: '整改到位' },
      outsiders: notInspector,
      insider: 'demo-general',
    },
    {
      route: 'POST /api/v1/rectifications/:id/reopen',
      url: `${r(m.toReopen)}/reopen`,
      body: { comment: '复查发现问题反弹' },
      outsiders: notInspector,
      insider: 'demo-general',
    },
    {
      // Completing ends the inspection: the last case.
      route: 'POST /api/v1/inspections/:id/complete',
      url: `${m.base}/complete`,
      body: { summary: '检查完成' },
      outsiders: notInspector,
      insider: 'demo-general',
    },
  ];
  return cases;
};
