import { todayLocal } from '../../platform/dates';
import { newWorkbook, workbookBuffer } from '../../platform/excel';
import type { AuthzCase, AuthzCaseFactory, Fixtures, TestEnvLike } from '../../platform/testing';
import { addDays } from './rules';

const admins = ['demo-sysadmin', 'demo-auditor'];
const strangers = ['other-secretary', 'other-general', ...admins];
const notManagers = [...strangers, 'demo-member'];

/** A multipart body with one file in field `file`. */
function multipart(fileName: string, type: string, data: Buffer) {
  const boundary = `----trainingAuthz${Date.now().toString(16)}`;
  return {
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const must = (res: { statusCode: number; body: string }, code: number, what: string) => {
  if (res.statusCode !== code)
    throw new Error(`training authz setup, ${what}: ${res.statusCode} ${res.body}`);
};

/** An import file naming nobody on the roll: its job ends failed, writing nothing. */
async function unknownPersonFile(): Promise<Buffer> {
  const wb = newWorkbook();
  const sheet = wb.addWorksheet('学习统计');
  sheet.addRow(['姓名', '公民身份证号', '工号', '学时']);
  sheet.addRow(['无此人', '', 'NOBODY-0001', 2]);
  return workbookBuffer(wb);
}

/** One of each object, made by its insider through the API. */
async function setup(env: TestEnvLike, fx: Fixtures, today: string) {
  const secretary = await env.login('demo-secretary');
  const general = await env.login('demo-general');
  const member = await env.login('demo-member');
  const course = await secretary.post('/api/v1/training/courses', {
    orgId: fx.branchId,
    title: '授权测试课程',
    topic: '安全生产',
    hours: 2,
  });
  must(course, 201, 'course');
  const pdf = multipart('讲义.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n授权测试讲义\n'));
  const file = await secretary.request(
    'POST',
    `/api/v1/training/courses/${course.json().id}/files`,
    pdf.body,
    pdf.headers,
  );
  must(file, 201, 'file');
  const klass = await secretary.post('/api/v1/training/classes', {
    orgId: fx.branchId,
    title: '授权测试培训班',
    startsOn: addDays(today, -1),
    endsOn: today,
    hours: 2,
    place: '支部学习室',
    participantOrgIds: [fx.branchId],
  });
  must(klass, 201, 'class');
  const classId = klass.json().id as string;
  must(
    await secretary.post(`/api/v1/training/classes/${classId}/attendance`, {
      items: [{ personId: fx.memberPersonId, status: 'present' }],
    }),
    200,
    'attendance',
  );
  const detail = await member.get(`/api/v1/training/classes/${classId}`);
  const certificateId = detail.json().myCertificateId as string;
  const signupClass = await general.post('/api/v1/training/classes', {
    orgId: fx.generalId,
    title: '授权测试报名班',
    startsOn: addDays(today, 10),
    endsOn: addDays(today, 10),
    hours: 2,
    place: '党员活动室',
    enrollment: 'signup',
    participantOrgIds: [fx.generalId],
  });
  must(signupClass, 201, 'signup class');
  const signupId = signupClass.json().id as string;
  must(await member.post(`/api/v1/training/classes/${signupId}/signup`), 200, 'signup');
  const content = await secretary.post('/api/v1/training/contents', {
    orgId: fx.branchId,
    title: '授权测试学习内容',
    kind: 'article',
    topic: '安全生产',
    body: '正文',
    minutes: 1,
    hours: 0.5,
    audienceOrgIds: [fx.branchId],
  });
  must(content, 201, 'content');
  const quiz = await secretary.post('/api/v1/training/quizzes', {
    orgId: fx.branchId,
    title: '授权测试测验',
    passScore: 60,
    questions: [
      { kind: 'judge', text: '横越线路应一站二看三通过。', options: ['正确', '错误'], answer: [0] },
      { kind: 'single', text: '党的根本宗旨是？', options: ['全心全意为人民服务', '发展经济'], answer: [0] },
    ],
  });
  must(quiz, 201, 'quiz');
  const survey = await general.post('/api/v1/training/surveys', {
    orgId: fx.generalId,
    title: '授权测试需求调查',
    topics: ['安全生产', '业务技能'],
    audience: 'members',
    deadline: addDays(today, 10),
  });
  must(survey, 201, 'survey');
  const upload = multipart(
    '学习强国.xlsx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    await unknownPersonFile(),
  );
  const job = await secretary.request(
    'POST',
    `/api/v1/training/imports?source=xuexi&unit=hours&periodFrom=${today.slice(0, 4)}-01-01&periodTo=${today}`,
    upload.body,
    upload.headers,
  );
  must(job, 202, 'import');
  return {
    courseId: course.json().id as string,
    fileId: file.json().id as string,
    classId,
    signupId,
    certificateId,
    contentId: content.json().id as string,
    quizId: quiz.json().id as string,
    questionId: quiz.json().questions[0].id as string,
    surveyId: survey.json().id as string,
    jobId: job.json().jobId as string,
    masses: await fx.newPerson(fx.branchId, 'masses'),
  };
}

type Made = Awaited<ReturnType<typeof setup>>;
const T = '/api/v1/training';

const ledgerCases = (fx: Fixtures, m: Made, today: string, b = fx.branchId): AuthzCase[] => [
  {
    route: `GET ${T}/hours`,
    url: `${T}/hours?orgId=${b}`,
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
  {
    route: `GET ${T}/hours/export`,
    url: `${T}/hours/export?orgId=${b}`,
    outsiders: notManagers,
    insider: 'demo-general',
  },
  {
    route: `GET ${T}/hours/:personId`,
    url: `${T}/hours/${fx.memberPersonId}`,
    outsiders: strangers,
    insider: 'demo-member',
  },
  {
    route: `GET ${T}/stats`,
    url: `${T}/stats?orgId=${b}`,
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
  { route: `GET ${T}/mine`, url: `${T}/mine`, outsiders: admins, insider: 'demo-member' },
  {
    route: `GET ${T}/imports`,
    url: `${T}/imports`,
    outsiders: ['demo-member', ...admins],
    insider: 'demo-secretary',
  },
  {
    route: `GET ${T}/imports/template`,
    url: `${T}/imports/template`,
    outsiders: ['demo-member', ...admins],
    insider: 'demo-secretary',
  },
  {
    // A JSON body reaches the handler, which asks for the file (400); the upload itself is the setup's.
    route: `POST ${T}/imports`,
    url: `${T}/imports?source=xuexi&unit=points&periodFrom=${today.slice(0, 4)}-01-01&periodTo=${today}`,
    body: {},
    outsiders: ['demo-member', ...admins],
    insider: 'demo-secretary',
  },
  {
    route: `GET ${T}/imports/jobs/:jobId`,
    url: `${T}/imports/jobs/${m.jobId}`,
    outsiders: ['other-secretary', 'demo-general', 'demo-member', 'demo-auditor'],
    insider: 'demo-secretary',
  },
  { route: `GET ${T}/settings`, url: `${T}/settings`, outsiders: admins, insider: 'demo-secretary' },
  {
    route: `PATCH ${T}/settings`,
    url: `${T}/settings`,
    body: { targetHours: 32 },
    outsiders: ['demo-general', 'demo-secretary', ...notManagers],
    insider: 'demo-committee',
  },
];

const surveyCases = (fx: Fixtures, m: Made, today: string): AuthzCase[] => [
  { route: `GET ${T}/surveys`, url: `${T}/surveys`, outsiders: admins, insider: 'demo-member' },
  {
    route: `POST ${T}/surveys`,
    url: `${T}/surveys`,
    body: {
      orgId: fx.generalId,
      title: '探测',
      topics: ['安全生产', '业务技能'],
      audience: 'branches',
      deadline: addDays(today, 5),
    },
    outsiders: ['demo-secretary', ...notManagers],
    insider: 'demo-general',
  },
  {
    route: `GET ${T}/surveys/:id`,
    url: `${T}/surveys/${m.surveyId}`,
    outsiders: strangers,
    insider: 'demo-member',
  },
  {
    route: `POST ${T}/surveys/:id/answers`,
    url: `${T}/surveys/${m.surveyId}/answers`,
    body: { choices: ['安全生产'] },
    outsiders: strangers,
    insider: 'demo-member',
  },
];

const classCases = (fx: Fixtures, m: Made, today: string, b = fx.branchId): AuthzCase[] => [
  {
    route: `GET ${T}/courses`,
    url: `${T}/courses`,
    // A member lists the courses of the classes they take part in (the ones they may open).
    outsiders: admins,
    insider: 'demo-secretary',
  },
  {
    route: `POST ${T}/courses`,
    url: `${T}/courses`,
    body: { orgId: b, title: '探测', topic: '安全生产', hours: 1 },
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
  {
    route: `GET ${T}/courses/:id`,
    url: `${T}/courses/${m.courseId}`,
    outsiders: notManagers,
    insider: 'demo-general',
  },
  {
    route: `PATCH ${T}/courses/:id`,
    url: `${T}/courses/${m.courseId}`,
    body: { hours: 2.5 },
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
  {
    route: `POST ${T}/courses/:id/files`,
    url: `${T}/courses/${m.courseId}/files`,
    body: {},
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
  {
    route: `GET ${T}/files/:id`,
    url: `${T}/files/${m.fileId}`,
    outsiders: notManagers,
    insider: 'demo-general',
  },
  { route: `GET ${T}/classes`, url: `${T}/classes`, outsiders: admins, insider: 'demo-member' },
  {
    route: `POST ${T}/classes`,
    url: `${T}/classes`,
    body: {
      orgId: b,
      title: '探测',
      startsOn: addDays(today, 3),
      endsOn: addDays(today, 3),
      hours: 2,
      place: '学习室',
      participantOrgIds: [b],
    },
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
  {
    route: `GET ${T}/classes/:id`,
    url: `${T}/classes/${m.classId}`,
    outsiders: strangers,
    insider: 'demo-member',
  },
  {
    route: `POST ${T}/classes/:id/attendance`,
    url: `${T}/classes/${m.classId}/attendance`,
    body: { items: [{ personId: fx.memberPersonId, status: 'present' }] },
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
  {
    route: `POST ${T}/classes/:id/participants`,
    url: `${T}/classes/${m.classId}/participants`,
    body: { personIds: [m.masses] },
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
  {
    route: `POST ${T}/classes/:id/signup`,
    url: `${T}/classes/${m.signupId}/signup`,
    outsiders: strangers,
    insider: 'demo-secretary',
  },
  {
    route: `DELETE ${T}/classes/:id/signup`,
    url: `${T}/classes/${m.signupId}/signup`,
    outsiders: strangers,
    insider: 'demo-member',
  },
  {
    route: `GET ${T}/certificates/:id`,
    url: `${T}/certificates/${m.certificateId}`,
    outsiders: strangers,
    insider: 'demo-member',
  },
];

const studyCases = (fx: Fixtures, m: Made, b = fx.branchId): AuthzCase[] => [
  { route: `GET ${T}/contents`, url: `${T}/contents`, outsiders: admins, insider: 'demo-member' },
  {
    route: `POST ${T}/contents`,
    url: `${T}/contents`,
    body: {
      orgId: b,
      title: '探测',
      kind: 'article',
      topic: '安全生产',
      body: '正文',
      minutes: 5,
      hours: 0.5,
      audienceOrgIds: [b],
    },
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
  {
    route: `GET ${T}/contents/:id`,
    url: `${T}/contents/${m.contentId}`,
    outsiders: strangers,
    insider: 'demo-member',
  },
  {
    route: `POST ${T}/contents/:id/files`,
    url: `${T}/contents/${m.contentId}/files`,
    body: {},
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
  {
    route: `POST ${T}/contents/:id/progress`,
    url: `${T}/contents/${m.contentId}/progress`,
    body: { seconds: 15 },
    outsiders: strangers,
    insider: 'demo-member',
  },
  {
    route: `POST ${T}/contents/:id/finish`,
    url: `${T}/contents/${m.contentId}/finish`,
    outsiders: strangers,
    insider: 'demo-member',
  },
  {
    route: `GET ${T}/questions`,
    url: `${T}/questions`,
    outsiders: ['demo-member', ...admins],
    insider: 'demo-secretary',
  },
  {
    route: `POST ${T}/questions`,
    url: `${T}/questions`,
    body: {
      orgId: b,
      topic: '安全生产',
      kind: 'judge',
      text: '探测',
      options: ['正确', '错误'],
      answer: [0],
    },
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
  { route: `GET ${T}/quizzes`, url: `${T}/quizzes`, outsiders: admins, insider: 'demo-member' },
  {
    route: `POST ${T}/quizzes`,
    url: `${T}/quizzes`,
    body: {
      orgId: b,
      title: '探测',
      passScore: 60,
      questions: [{ kind: 'judge', text: '探测', options: ['正确', '错误'], answer: [1] }],
    },
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
  {
    route: `GET ${T}/quizzes/:id`,
    url: `${T}/quizzes/${m.quizId}`,
    outsiders: strangers,
    insider: 'demo-member',
  },
  {
    route: `POST ${T}/quizzes/:id/start`,
    url: `${T}/quizzes/${m.quizId}/start`,
    outsiders: strangers,
    insider: 'demo-member',
  },
  {
    route: `POST ${T}/quizzes/:id/attempts`,
    url: `${T}/quizzes/${m.quizId}/attempts`,
    body: { answers: [{ questionId: m.questionId, choices: [0] }] },
    outsiders: strangers,
    insider: 'demo-member',
  },
  {
    route: `GET ${T}/quizzes/:id/results`,
    url: `${T}/quizzes/${m.quizId}/results`,
    outsiders: notManagers,
    insider: 'demo-secretary',
  },
];

export const authzCases: AuthzCaseFactory = async (env, fx) => {
  const today = todayLocal();
  const made = await setup(env, fx, today);
  return [
    ...ledgerCases(fx, made, today),
    ...surveyCases(fx, made, today),
    ...classCases(fx, made, today),
    ...studyCases(fx, made),
  ];
};
