import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/context';
import { mePayload, meResponse } from '../platform/me';
import { todoFor } from '../platform/registry';

const todoResponse = z.object({
  items: z.array(
    z.object({
      module: z.string(),
      key: z.string(),
      label: z.string(),
      count: z.number(),
      overdue: z.number().optional(),
      link: z.string(),
    }),
  ),
});
export type TodoResponse = z.infer<typeof todoResponse>;

/** Composition across modules: who the caller is with what they may do, and what they have to do. */
export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/me',
    { schema: { tags: ['auth'], summary: '当前用户、角色、范围与可用功能', response: { 200: meResponse } } },
    async (req) => mePayload(ctx, actorOf(req), req.accountState!, req.sessionCsrf),
  );
  app.get(
    '/todo',
    { schema: { tags: ['home'], summary: '待办：各模块汇总', response: { 200: todoResponse } } },
    async (req) => ({ items: await todoFor(ctx, actorOf(req)) }),
  );
};
