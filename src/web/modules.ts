import { accountsWeb } from '../kernel/accounts/web';
import { auditWeb } from '../kernel/audit/web';
import { orgsWeb } from '../kernel/orgs/web';
import { peopleWeb } from '../kernel/people/web';
import { meetingsWeb } from '../modules/meetings/web';
import { safetyWeb } from '../modules/safety/web';
import { talksWeb } from '../modules/talks/web';
import { homeWeb } from './home';
import type { WebModule } from './registry';

/** The web side of every module, in navigation order; each module's web/index.tsx exports one. */
export const WEB_MODULES: WebModule[] = [
  homeWeb,
  orgsWeb,
  peopleWeb,
  meetingsWeb,
  safetyWeb,
  talksWeb,
  accountsWeb,
  auditWeb,
];
