/**
 * 素质培训 on a phone: a member opens a required study item, the page counts the time it is visible and
 * the member finishes it; then the member takes a quiz (graded on the server) and sees the hours of both
 * on their 我的学习 page. Then the training pages are opened at phone (member, secretary) and desktop
 * (committee admin) size.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { setupE2E, textOf } from './support';

const e2e = setupE2E();
const TITLE = '浏览器测试：班前安全提示';
const QUIZ = '浏览器测试：安全知识小测';

async function expectRendered(page: Page, path: string) {
  // A lazy page shows the bare spinner (no text) until its chunk has arrived: wait for the page itself.
  await expect
    .poll(() => textOf(page.locator('main, .ant-layout-content').first()), {
      message: `${path} is empty`,
      timeout: 40_000,
    })
    .not.toBe('');
  const results = await page.locator('.ant-result-title').allInnerTexts();
  expect(results, `${path} shows a result page`).toEqual([]);
  expect(e2e.pageErrors(page), `${path} threw`).toEqual([]);
}

describe('training at phone size', () => {
  test('a member finishes a study item and a quiz and sees their hours', async () => {
    const { branchId } = e2e.fixtures;
    const secretary = await e2e.env.login('demo-secretary');
    const committee = await e2e.env.login('demo-committee');
    // A short item: ten percent of a minute on the page finishes it (a setting of the committee).
    expect((await committee.patch('/api/v1/training/settings', { finishRatio: 0.1 })).statusCode).toBe(200);
    const content = await secretary.post('/api/v1/training/contents', {
      orgId: branchId,
      title: TITLE,
      kind: 'article',
      topic: '安全生产',
      body: '一、班前充分休息；二、作业前确认防护；三、严格执行“眼看、手指、口呼”。',
      minutes: 1,
      hours: 1,
      audienceOrgIds: [branchId],
      required: true,
    });
    expect(content.statusCode, content.body).toBe(201);
    const quiz = await secretary.post('/api/v1/training/quizzes', {
      orgId: branchId,
      title: QUIZ,
      passScore: 60,
      questions: [
        {
          kind: 'judge',
          text: '横越线路时应执行“一站、二看、三通过”。',
          options: ['正确', '错误'],
          answer: [0],
        },
        {
          kind: 'single',
          text: '发现危及行车安全的情况，首先应当：',
          options: ['立即设置防护并报告', '继续作业'],
          answer: [0],
        },
      ],
    });
    expect(quiz.statusCode, quiz.body).toBe(201);

    const page = await e2e.newPage('phone');
    const shot = (name: string) => e2e.screenshot(page, `training-${name}`);
    await e2e.login(page, 'demo-member');
    const before = (await (await page.request.get('/api/v1/training/mine')).json()) as { hours: number };

    // The home page tells the member what is waiting.
    await page.goto('/');
    await page.getByText(/我的学习 · \d{4}年/).waitFor();
    await shot('1-home');

    // Study: the page counts while visible; the button unlocks once enough time has been spent.
    await page.goto(`/training/contents/${content.json().id}`);
    await page.getByText('班前充分休息', { exact: false }).waitFor();
    await shot('2-studying');
    const finish = page.getByRole('button', { name: /完成学习/ });
    await finish.waitFor({ timeout: 40_000 });
    await expect.poll(() => finish.isEnabled(), { timeout: 40_000 }).toBe(true);
    await finish.click();
    await page
      .getByText(/完成学习，记入 1 学时/)
      .first()
      .waitFor();
    await shot('3-finished');

    // The quiz: started on the server, answered, handed in, graded.
    await page.goto(`/training/quizzes/${quiz.json().id}`);
    await page.getByRole('button', { name: /开始答题/ }).click();
    const questions = page.locator('[data-testid="question"]');
    await expect.poll(() => questions.count()).toBe(2);
    await questions.nth(0).getByText('A. 正确').click();
    await questions.nth(1).getByText('A. 立即设置防护并报告').click();
    await shot('4-quiz');
    await page.getByRole('button', { name: /交\s*卷/ }).click();
    await page.getByText('100 分 · 通过').waitFor();
    await shot('5-quiz-result');

    // My hours: the finished item is there, with its source.
    await page.goto('/training/mine');
    await page.getByText(TITLE).first().waitFor();
    const after = (await (await page.request.get('/api/v1/training/mine')).json()) as {
      hours: number;
      sources: { kind: string; hours: number }[];
    };
    expect(after.hours).toBeCloseTo(before.hours + 1, 5);
    expect(await textOf(page.locator('main, .ant-layout-content').first())).toContain('网上学习');
    await shot('6-my-hours');
    await expectRendered(page, '/training/mine');
    await committee.patch('/api/v1/training/settings', { finishRatio: 0.8 });
  });

  test('every training page renders for the member, the secretary and the committee', async () => {
    const pages: [string, 'phone' | 'desktop', string[]][] = [
      [
        'demo-member',
        'phone',
        [
          '/training/mine',
          '/training/classes',
          '/training/contents',
          '/training/quizzes',
          '/training/surveys',
        ],
      ],
      [
        'demo-secretary',
        'phone',
        [
          '/training',
          '/training/hours',
          '/training/classes',
          '/training/classes/new',
          '/training/courses',
          '/training/questions',
        ],
      ],
      [
        'demo-committee',
        'desktop',
        [
          '/training',
          '/training/hours',
          '/training/imports',
          '/training/settings',
          '/training/surveys',
          '/training/quizzes/new',
        ],
      ],
    ];
    for (const [user, viewport, paths] of pages) {
      const page = await e2e.newPage(viewport);
      await e2e.login(page, user);
      for (const path of paths) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        await page
          .locator('.bl-spinner, .ant-spin-spinning')
          .first()
          .waitFor({ state: 'detached' })
          .catch(() => {});
        await expectRendered(page, `${user} ${path}`);
      }
    }
    // Seventeen pages for three users: more than the default two minutes on a busy two-core machine.
  }, 360_000);
});
