import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, demoFixtures, type TestEnv } from '../../../test/harness';
import { queryRows } from '../../platform/db';

/**
 * Quizzes graded on the server: the answers never reach a member before they hand in, the score is out
 * of 100, attempts are counted, a timed quiz must be started, a random quiz draws per attempt.
 */

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let member: Client;

const QUESTIONS = [
  {
    kind: 'single',
    text: '党的最高领导机关是？',
    options: ['全国代表大会和中央委员会', '中央政治局', '中央书记处'],
    answer: [0],
  },
  {
    kind: 'multiple',
    text: '“三不伤害”包括？',
    options: ['不伤害自己', '不伤害他人', '不被他人伤害', '不伤害设备'],
    answer: [0, 1, 2],
  },
  { kind: 'judge', text: '预备党员有表决权。', options: ['正确', '错误'], answer: [1] },
];

async function publish(extra: Record<string, unknown> = {}) {
  const res = await secretary.post('/api/v1/training/quizzes', {
    orgId: fx.branchId,
    title: '测验',
    passScore: 60,
    questions: QUESTIONS,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    questions: { id: string; kind: string; text: string; options: string[] }[];
  };
}

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  member = await env.login('demo-member');
}, 120_000);
afterAll(() => env.close());

describe('a quiz as the API describes it', () => {
  it('never sends the answer before the attempt, grades on the server out of 100', async () => {
    const quiz = await publish({ maxAttempts: 2 });
    expect(quiz.questions).toHaveLength(3);
    const seen = await member.get(`/api/v1/training/quizzes/${quiz.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toMatch(/"answer"|"explanation"/);
    expect(seen.json().questions.map((q: { text: string }) => q.text)).toEqual(QUESTIONS.map((q) => q.text));

    const [q1, q2, q3] = seen.json().questions as { id: string }[];
    const cases = [
      [
        'all right',
        [
          [q1.id, [0]],
          [q2.id, [2, 1, 0]],
          [q3.id, [1]],
        ],
        100,
        true,
      ],
      [
        'a multiple choice with one missing',
        [
          [q1.id, [0]],
          [q2.id, [0, 1]],
          [q3.id, [1]],
        ],
        67,
        true,
      ],
    ] as const;
    for (const [what, answers, score, passed] of cases) {
      const res = await member.post(`/api/v1/training/quizzes/${quiz.id}/attempts`, {
        answers: answers.map(([questionId, choices]) => ({ questionId, choices })),
      });
      expect(res.statusCode, `${what}: ${res.body}`).toBe(200);
      expect(res.json(), what).toMatchObject({ score, passed });
      expect(res.json().review[0].answer, 'the review after handing in shows the answer').toEqual([0]);
    }
    const third = await member.post(`/api/v1/training/quizzes/${quiz.id}/attempts`, { answers: [] });
    expect(third.statusCode).toBe(409);
    expect(third.json().message).toContain('最多可答 2 次');

    const results = (await secretary.get(`/api/v1/training/quizzes/${quiz.id}/results`)).json();
    expect(results.people).toEqual([
      expect.objectContaining({ personId: fx.memberPersonId, attempts: 2, bestScore: 100, passed: true }),
    ]);
    expect(results.questions[0]).toMatchObject({ questionId: q2.id, wrong: 1, answered: 2 });
  });

  it('refuses answers that are not the quiz’s, naming the field', async () => {
    const quiz = await publish();
    const [q1] = quiz.questions;
    const cases = [
      [{ answers: [{ questionId: fx.branchId, choices: [0] }] }, 'answers.0.questionId'],
      [{ answers: [{ questionId: q1.id, choices: [5] }] }, 'answers.0.choices'],
      [
        {
          answers: [
            { questionId: q1.id, choices: [0] },
            { questionId: q1.id, choices: [1] },
          ],
        },
        'answers.1.questionId',
      ],
    ] as const;
    for (const [body, field] of cases) {
      const res = await member.post(`/api/v1/training/quizzes/${quiz.id}/attempts`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(res.json().fields)).toContain(field);
    }
    // Nothing was recorded by the refused attempts.
    expect((await member.get(`/api/v1/training/quizzes/${quiz.id}`)).json().attempts).toEqual([]);
  });

  it('refuses a question that makes no sense and a quiz without questions', async () => {
    const bad = await secretary.post('/api/v1/training/quizzes', {
      orgId: fx.branchId,
      title: '坏题',
      passScore: 60,
      questions: [{ kind: 'single', text: '单选两个答案', options: ['甲', '乙'], answer: [0, 1] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields['questions.0.answer']).toBe('单选题只有一个答案');
    const empty = await secretary.post('/api/v1/training/quizzes', {
      orgId: fx.branchId,
      title: '空',
      passScore: 60,
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields.questions).toBeDefined();
  });

  it('a timed quiz must be started; the start resumes the open attempt', async () => {
    const quiz = await publish({ timeLimitMinutes: 10 });
    const early = await member.post(`/api/v1/training/quizzes/${quiz.id}/attempts`, { answers: [] });
    expect(early.statusCode).toBe(409);
    const start = await member.post(`/api/v1/training/quizzes/${quiz.id}/start`);
    expect(start.statusCode, start.body).toBe(200);
    expect(start.body).not.toMatch(/"answer"/);
    expect(start.json().deadlineAt).toBeTruthy();
    const again = await member.post(`/api/v1/training/quizzes/${quiz.id}/start`);
    expect(again.json().attemptId).toBe(start.json().attemptId);
    const detail = (await member.get(`/api/v1/training/quizzes/${quiz.id}`)).json();
    expect(detail.openAttempt.id).toBe(start.json().attemptId);
    const done = await member.post(`/api/v1/training/quizzes/${quiz.id}/attempts`, {
      answers: start.json().questions.map((q: { id: string }) => ({ questionId: q.id, choices: [0] })),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().late).toBe(false);
  });

  it('a random quiz draws its count from its pool for each attempt', async () => {
    const quiz = await publish({ mode: 'random', drawCount: 2 });
    expect(quiz.questions, 'a random quiz shows no questions outside an attempt').toEqual([]);
    const [row] = await queryRows<{ question_ids: string[] }>(
      env.ctx.db,
      sql`select question_ids from training_quizzes where id = ${quiz.id}`,
    );
    const pool = new Set(row.question_ids);
    expect(pool.size).toBe(3);
    const detail = (await member.get(`/api/v1/training/quizzes/${quiz.id}`)).json();
    expect(detail.questions, 'no questions before an attempt starts').toEqual([]);
    const start = (await member.post(`/api/v1/training/quizzes/${quiz.id}/start`)).json();
    expect(start.questions).toHaveLength(2);
    for (const q of start.questions) expect(pool.has(q.id)).toBe(true);
    const tooMany = await secretary.post('/api/v1/training/quizzes', {
      orgId: fx.branchId,
      title: '抽太多',
      passScore: 60,
      mode: 'random',
      drawCount: 9,
      questions: QUESTIONS,
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().fields.drawCount).toContain('3');
  });

  it('managers above see the quiz and its results, never take it', async () => {
    const quiz = await publish();
    const general = await env.login('demo-general');
    // Managers above see the quiz and its results, never take it.
    const g = (await general.get(`/api/v1/training/quizzes/${quiz.id}`)).json();
    expect(g.actions).toEqual(['results']);
    expect((await general.post(`/api/v1/training/quizzes/${quiz.id}/start`)).statusCode).toBe(403);
  });
});
