import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../src/platform/context';
import { listBulletins, postBulletin } from './bulletins';
import { bulletin, bulletinList, postBulletinBody } from './contract';

export const bulletinRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['example'];
  app.get('/bulletins', { schema: { tags, summary: '公告', response: { 200: bulletinList } } }, async (req) =>
    listBulletins(app.ctx, actorOf(req)),
  );
  app.post(
    '/bulletins',
    { schema: { tags, summary: '发布公告', body: postBulletinBody, response: { 201: bulletin } } },
    async (req, reply) => {
      reply.status(201);
      return postBulletin(app.ctx, actorOf(req), req.body);
    },
  );
};
