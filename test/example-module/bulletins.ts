import { sql } from 'drizzle-orm';
import { authorizeOrg } from '../../src/kernel/orgs/api';
import { type Actor, managedPaths, orgInPaths } from '../../src/platform/access';
import { audit } from '../../src/platform/audit';
import type { AppContext } from '../../src/platform/context';
import { todayLocal } from '../../src/platform/dates';
import { queryRows } from '../../src/platform/db';
import { newId } from '../../src/platform/ids';
import { enforce } from '../../src/platform/policy';
import type { PostBulletinBody } from './contract';
import { canPostIn } from './policy';
import { bulletinEntity, bulletins } from './tables';

export async function postBulletin(ctx: AppContext, actor: Actor, input: PostBulletinBody) {
  return ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, input.orgId, 'read');
    enforce(canPostIn(actor, org));
    const id = newId();
    await tx.insert(bulletins).values({ id, tenantId: actor.tenantId, ...input, createdAt: new Date() });
    await audit(tx, actor, { action: 'example_bulletin.post', target: { entity: bulletinEntity, id } });
    return { id, orgId: input.orgId, title: input.title, body: input.body, expiresOn: input.expiresOn };
  });
}

export async function listBulletins(ctx: AppContext, actor: Actor) {
  const items = await queryRows<{
    id: string;
    org_id: string;
    title: string;
    body: string;
    expires_on: string;
  }>(
    ctx.db,
    sql`select id, org_id, title, body, expires_on from example_bulletins
        where tenant_id = ${actor.tenantId} and ${orgInPaths(sql`org_id`, managedPaths(actor))}
          and expires_on >= ${todayLocal()} order by created_at desc`,
  );
  return {
    items: items.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      title: r.title,
      body: r.body,
      expiresOn: r.expires_on,
    })),
  };
}
