import type { FastifyRequest } from 'fastify';
import type { Actor } from './access';
import type { KeyRing } from './crypto';
import type { Db } from './db';
import { unauthenticated } from './errors';
import type { AccountState } from './me';

export interface AppConfig {
  demoMode: boolean;
  /** Where attachments and other files live. */
  filesDir: string;
  secureCookies: boolean;
  loginRateLimitPerMinute: number;
}

/** What every service receives: the database, the keys and the configuration. */
export interface AppContext {
  db: Db;
  keys: KeyRing;
  config: AppConfig;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionCsrf: string | null;
    mustChangePassword: boolean;
    /** The session's account state (password change due, second factor, notices); null without a session. */
    accountState: AccountState | null;
    /** The code of the error answered (for the security log of refusals). */
    refusalCode?: string;
  }
  interface FastifyContextConfig {
    /** The route needs no session (login, health). */
    public?: boolean;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
