import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/context';
import { okResponse } from '../../platform/http';
import {
  appointBody,
  committeeQuery,
  committeeResponse,
  createOrgBody,
  dissolveOrgBody,
  endPostBody,
  importPostsBody,
  importPostsResult,
  mergeOrgBody,
  mergeResult,
  moveOrgBody,
  orgDetail,
  orgIdParams,
  orgList,
  orgListQuery,
  postParams,
  recordTermBody,
  termsQuery,
  termsResponse,
  updateOrgBody,
} from './contract';
import { createOrg, updateOrg } from './orgs';
import { appointPost, endPost, getCommittee, importPartyPosts, listTerms, recordTerm } from './posts';
import { dissolveOrg, mergeOrg, moveOrg } from './reorganize';
import { getOrgSettings, orgSettingsBody, orgSettingsResponse, updateOrgSettings } from './settings';
import { getOrg, listOrgs, listOrgsOn } from './tree';

const tags = ['orgs'];

/** The tree and one organization. */
const readRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/orgs',
    {
      schema: {
        querystring: orgListQuery,
        response: { 200: orgList },
        tags,
        summary: '组织树（调用者范围内）',
      },
    },
    async (req) => ({
      items: req.query.on
        ? await listOrgsOn(ctx, actorOf(req), req.query.on)
        : await listOrgs(ctx, actorOf(req), req.query.includeDissolved === 'true'),
    }),
  );
  app.get(
    '/orgs/:id',
    { schema: { params: orgIdParams, response: { 200: orgDetail }, tags, summary: '组织详情' } },
    async (req) => getOrg(ctx, actorOf(req), req.params.id),
  );
};

/** Setting up, changing and reorganizing organizations; each answers the organization as it now is. */
const writeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.post(
    '/orgs',
    { schema: { body: createOrgBody, response: { 201: orgDetail }, tags, summary: '新建下级组织' } },
    async (req, reply) => {
      const { id } = await createOrg(ctx, actorOf(req), req.body);
      reply.status(201);
      return getOrg(ctx, actorOf(req), id);
    },
  );
  app.patch(
    '/orgs/:id',
    {
      schema: {
        params: orgIdParams,
        body: updateOrgBody,
        response: { 200: orgDetail },
        tags,
        summary: '修改组织',
      },
    },
    async (req) => {
      await updateOrg(ctx, actorOf(req), req.params.id, req.body);
      return getOrg(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/orgs/:id/move',
    {
      schema: {
        params: orgIdParams,
        body: moveOrgBody,
        response: { 200: orgDetail },
        tags,
        summary: '调整隶属关系',
      },
    },
    async (req) => {
      await moveOrg(ctx, actorOf(req), req.params.id, req.body.parentId, req.body.on);
      return getOrg(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/orgs/:id/merge',
    {
      schema: {
        params: orgIdParams,
        body: mergeOrgBody,
        response: { 200: mergeResult },
        tags,
        summary: '合并党支部',
      },
    },
    async (req) => mergeOrg(ctx, actorOf(req), req.params.id, req.body.targetId, req.body.on),
  );
  app.post(
    '/orgs/:id/dissolve',
    {
      schema: {
        params: orgIdParams,
        body: dissolveOrgBody,
        response: { 200: okResponse },
        tags,
        summary: '撤销组织',
      },
    },
    async (req) => {
      await dissolveOrg(ctx, actorOf(req), req.params.id, req.body.on);
      return { ok: true as const };
    },
  );
};

/** Committees (posts from a date to a date), terms and the term settings. */
const committeeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    '/orgs/:id/committee',
    {
      schema: {
        params: orgIdParams,
        querystring: committeeQuery,
        response: { 200: committeeResponse },
        tags,
        summary: '某日的委员会（职务、任职人、任期起止）',
      },
    },
    async (req) => getCommittee(ctx, actorOf(req), req.params.id, req.query.on),
  );
  app.post(
    '/orgs/:id/committee',
    {
      schema: {
        params: orgIdParams,
        body: appointBody,
        response: { 200: committeeResponse },
        tags,
        summary: '任命委员会职务（上级组织）',
      },
    },
    async (req) => {
      await appointPost(ctx, actorOf(req), req.params.id, req.body);
      return getCommittee(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/orgs/:id/committee/:postId/end',
    {
      schema: {
        params: postParams,
        body: endPostBody,
        response: { 200: committeeResponse },
        tags,
        summary: '结束任职（须说明原因）',
      },
    },
    async (req) => {
      await endPost(ctx, actorOf(req), req.params.id, req.params.postId, req.body);
      return getCommittee(ctx, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/orgs/committee/import',
    {
      schema: {
        body: importPostsBody,
        response: { 200: importPostsResult },
        tags,
        summary: '把人员的党内职务（文字）迁移为委员会职务（尚无职务记录的支部）',
      },
    },
    async (req) => importPartyPosts(ctx, actorOf(req), req.body.orgId),
  );
  app.get(
    '/terms',
    {
      schema: {
        querystring: termsQuery,
        response: { 200: termsResponse },
        tags,
        summary: '委员会任期与换届提醒',
      },
    },
    async (req) => listTerms(ctx, actorOf(req), req.query.orgId),
  );
  app.post(
    '/orgs/:id/terms',
    {
      schema: {
        params: orgIdParams,
        body: recordTermBody,
        response: { 200: termsResponse },
        tags,
        summary: '登记换届（新一届任期；提前或延期须说明原因）',
      },
    },
    async (req) => {
      await recordTerm(ctx, actorOf(req), req.params.id, req.body);
      return listTerms(ctx, actorOf(req), req.params.id);
    },
  );
  app.get(
    '/orgs/settings',
    { schema: { response: { 200: orgSettingsResponse }, tags, summary: '任期设置' } },
    async (req) => getOrgSettings(ctx, actorOf(req)),
  );
  app.patch(
    '/orgs/settings',
    {
      schema: {
        body: orgSettingsBody,
        response: { 200: orgSettingsResponse },
        tags,
        summary: '修改任期设置',
      },
    },
    async (req) => updateOrgSettings(ctx, actorOf(req), req.body),
  );
};

export const orgsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(readRoutes);
  await app.register(writeRoutes);
  await app.register(committeeRoutes);
};
