import { todayLocal } from '../../platform/dates';
import { newWorkbook, workbookBuffer } from '../../platform/excel';
import type { AuthzCase, AuthzCaseFactory, Fixtures, TestClient } from '../../platform/testing';
import { EXAMPLE_MARK, ROSTER_HEADERS, SHEET_NAME } from './roster-columns';

/** A roster holding only the example row: the job it starts ends at once, writing nothing. */
async function exampleOnlyRoster(): Promise<Buffer> {
  const wb = newWorkbook();
  const sheet = wb.addWorksheet(SHEET_NAME);
  sheet.addRow([...ROSTER_HEADERS]);
  sheet.addRow(ROSTER_HEADERS.map((h, i) => (i === 0 ? EXAMPLE_MARK : h === '姓名' ? '张三' : null)));
  return workbookBuffer(wb);
}

/** Starts an import as the client and answers the job's id (the job route needs one that exists). */
async function startJob(client: TestClient): Promise<string> {
  const boundary = `----authz${Date.now().toString(16)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.xlsx"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
    ),
    await exampleOnlyRoster(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await client.request('POST', '/api/v1/people/import', body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
  if (res.statusCode !== 202) throw new Error(`import job: ${res.statusCode} ${res.body}`);
  return res.json().jobId;
}

const strangers = ['other-secretary', 'other-general', 'demo-sysadmin', 'demo-auditor'];
const notSelf = [...strangers, 'demo-member'];

/** The roster routes: template, upload, the job's progress (`jobId`: one the secretary started), export. */
function rosterCases(fx: Fixtures, jobId: string): AuthzCase[] {
  return [
    {
      route: 'GET /api/v1/people/import/template',
      url: '/api/v1/people/import/template',
      outsiders: ['demo-member', 'demo-sysadmin', 'demo-auditor'],
      insider: 'demo-secretary',
    },
    {
      // A JSON body reaches the handler, which asks for the file (400); the upload itself is startJob's.
      route: 'POST /api/v1/people/import',
      url: '/api/v1/people/import',
      body: {},
      outsiders: ['demo-member', 'demo-sysadmin', 'demo-auditor'],
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/people/import/:jobId',
      url: `/api/v1/people/import/${jobId}`,
      outsiders: ['other-secretary', 'demo-general', 'demo-member', 'demo-auditor'],
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/people/export',
      url: `/api/v1/people/export?orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-secretary',
    },
    {
      // Clear values: the committee level by default (people settings), with a reason.
      route: 'POST /api/v1/people/export-clear',
      url: '/api/v1/people/export-clear',
      body: { orgId: fx.branchId, reason: '授权测试' },
      outsiders: [...strangers, 'demo-secretary', 'demo-general', 'demo-member', 'demo-secadmin'],
      insider: 'demo-committee',
    },
    {
      route: 'GET /api/v1/people/settings',
      url: '/api/v1/people/settings',
      outsiders: [...strangers, 'demo-committee', 'demo-secretary', 'demo-member'],
      insider: 'demo-secadmin',
    },
    {
      route: 'PUT /api/v1/people/settings',
      url: '/api/v1/people/settings',
      body: {},
      outsiders: [...strangers, 'demo-committee', 'demo-secretary', 'demo-member'],
      insider: 'demo-secadmin',
    },
  ];
}

/** Reading people: the list, the figures, a record, its history and its branch on a date. */
function readCases(fx: Fixtures, person: string): AuthzCase[] {
  const p = `/api/v1/people/${person}`;
  return [
    {
      route: 'GET /api/v1/people',
      url: `/api/v1/people?orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/people/stats',
      url: `/api/v1/people/stats?orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-general',
    },
    { route: 'GET /api/v1/people/:id', url: p, outsiders: notSelf, insider: 'demo-secretary' },
    {
      route: 'GET /api/v1/people/:id/branch-on',
      url: `${p}/branch-on?date=2025-01-01`,
      outsiders: notSelf,
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/people/:id/history',
      url: `${p}/history`,
      outsiders: notSelf,
      insider: 'demo-committee',
    },
  ];
}

/**
 * Every people route with an insider who succeeds and outsiders who are refused. The writes that change
 * a person for good (end, transfer) act on people made for the purpose.
 */
export const authzCases: AuthzCaseFactory = async (env, fx) => {
  const secretary = await env.login('demo-secretary');
  const scratch = async (name: string) => {
    const res = await secretary.post('/api/v1/people', {
      name,
      gender: 'male',
      orgId: fx.branchId,
      partyStatus: 'masses',
    });
    if (res.statusCode !== 201) throw new Error(`scratch person ${name}: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const person = await fx.newPerson(fx.branchId, 'masses');
  const ending = await scratch('授权探测终止');
  const moving = await scratch('授权探测调动');
  const today = todayLocal();
  const p = `/api/v1/people/${person}`;
  return [
    ...readCases(fx, person),
    {
      route: 'POST /api/v1/people',
      url: '/api/v1/people',
      body: { name: '探测', gender: 'male', orgId: fx.branchId, partyStatus: 'masses' },
      outsiders: notSelf,
      insider: 'demo-secretary',
    },
    {
      route: 'PATCH /api/v1/people/:id',
      url: p,
      body: { post: '探测' },
      outsiders: notSelf,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/people/:id/reveal',
      url: `${p}/reveal`,
      body: { field: 'mobile' },
      outsiders: notSelf,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/people/:id/end',
      url: `/api/v1/people/${ending}/end`,
      body: { endedOn: today, endReason: 'left_unit' },
      outsiders: notSelf,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/people/:id/transfer',
      url: `/api/v1/people/${moving}/transfer`,
      body: { orgId: fx.otherBranchId, on: today },
      outsiders: [...notSelf, 'demo-secretary'],
      insider: 'demo-general',
    },
    ...rosterCases(fx, await startJob(secretary)),
  ];
};
