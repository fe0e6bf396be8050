import { todayLocal } from '../../platform/dates';
import type { AuthzCase, AuthzCaseFactory, Fixtures, TestClient, TestEnvLike } from '../../platform/testing';
import { addDays } from './rules';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('督办附件'),
]);

/** Uploads a small photo; the file's id. */
export async function uploadPng(client: TestClient, url: string): Promise<string> {
  const boundary = '----tasksAuthz';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场.png"\r\nContent-Type: image/png\r\n\r\n`,
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

/** Two tasks from the demo general branch to the demo branch: one pending, one answered (to review). */
async function setup(env: TestEnvLike, fx: Fixtures) {
  const general = await env.login('demo-general');
  const secretary = await env.login('demo-secretary');
  const today = todayLocal();
  const send = async (title: string) => {
    const res = await general.post('/api/v1/tasks', {
      orgId: fx.generalId,
      title,
      content: '授权测试任务',
      dueOn: addDays(today, 7),
      targetOrgIds: [fx.branchId],
    });
    if (res.statusCode !== 201) throw new Error(`tasks authz setup: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const pending = await send('授权测试：待回复');
  const answered = await send('授权测试：待审核');
  const res = await secretary.post(`/api/v1/tasks/${answered}/responses`, {
    orgId: fx.branchId,
    content: '已完成',
  });
  if (res.statusCode !== 200) throw new Error(`tasks authz answer: ${res.statusCode} ${res.body}`);
  const file = await uploadPng(general, `/api/v1/tasks/${pending}/files`);
  const spare = await uploadPng(general, `/api/v1/tasks/${pending}/files`);
  return { pending: `/api/v1/tasks/${pending}`, answered: `/api/v1/tasks/${answered}`, file, spare, today };
}

export const authzCases: AuthzCaseFactory = async (env, fx) => {
  const m = await setup(env, fx);
  const b = fx.branchId;
  const cases: AuthzCase[] = [
    {
      route: 'GET /api/v1/tasks',
      url: '/api/v1/tasks',
      outsiders: ['demo-member', ...admins],
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/tasks',
      url: '/api/v1/tasks',
      body: {
        orgId: fx.generalId,
        title: '探测',
        content: '探测',
        dueOn: addDays(m.today, 3),
        targetOrgIds: [b],
      },
      outsiders: ['demo-secretary', ...strangers],
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/tasks/options',
      url: '/api/v1/tasks/options',
      outsiders: ['demo-secretary', 'other-secretary', 'demo-member', ...admins],
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/tasks/board',
      url: `/api/v1/tasks/board?orgId=${fx.generalId}`,
      outsiders: strangers,
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/tasks/settings',
      url: '/api/v1/tasks/settings',
      outsiders: ['demo-member', ...admins],
      insider: 'demo-secretary',
    },
    {
      route: 'PUT /api/v1/tasks/settings',
      url: '/api/v1/tasks/settings',
      body: { remindDays: 3 },
      outsiders: ['demo-general', 'demo-secretary', ...strangers],
      insider: 'demo-committee',
    },
    { route: 'GET /api/v1/tasks/:id', url: m.pending, outsiders: strangers, insider: 'demo-secretary' },
    {
      route: 'GET /api/v1/tasks/:id/export',
      url: `${m.pending}/export`,
      outsiders: strangers,
      insider: 'demo-general',
    },
    {
      // The insider reaches the upload's validation (a JSON body is not a file: 400).
      route: 'POST /api/v1/tasks/:id/responses/:orgId/files',
      url: `${m.pending}/responses/${b}/files`,
      body: {},
      outsiders: ['demo-general', ...strangers],
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/tasks/:id/responses',
      url: `${m.pending}/responses`,
      body: { orgId: b, content: '已按要求完成' },
      outsiders: ['demo-general', ...strangers],
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/tasks/:id/responses/:orgId/review',
      url: `${m.answered}/responses/${b}/review`,
      body: { decision: 'return', comment: '请补充' },
      outsiders: ['demo-secretary', ...strangers],
      insider: 'demo-general',
    },
    {
      route: 'POST /api/v1/tasks/:id/responses/:orgId/remind',
      url: `${m.answered}/responses/${b}/remind`,
      body: { comment: '请抓紧' },
      outsiders: ['demo-secretary', ...strangers],
      insider: 'demo-general',
    },
    {
      route: 'POST /api/v1/tasks/:id/files',
      url: `${m.pending}/files`,
      body: {},
      outsiders: ['demo-secretary', ...strangers],
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/tasks/:id/files/:fileId',
      url: `${m.pending}/files/${m.file}`,
      outsiders: strangers,
      insider: 'demo-secretary',
    },
    {
      route: 'DELETE /api/v1/tasks/:id/files/:fileId',
      url: `${m.pending}/files/${m.spare}`,
      outsiders: ['demo-secretary', ...strangers],
      insider: 'demo-general',
    },
  ];
  return cases;
};
