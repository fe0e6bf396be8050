import type { FastifyPluginAsync } from 'fastify';
import { accountsModule } from '../modules/accounts';
import { auditModule } from '../modules/audit';
import { meetingsModule } from '../modules/meetings';
import { orgsModule } from '../modules/orgs';
import { peopleModule } from '../modules/people';
import { safetyModule } from '../modules/safety';
import { talksModule } from '../modules/talks';
import type { DemoStep } from './demo';

export interface ModuleManifest {
  name: string;
  routes: FastifyPluginAsync;
  /** Adds this module's part of the demo section; run in the order of MODULES. */
  demo?: DemoStep;
}

/** Every module of the platform, in registration order. */
export const MODULES: ModuleManifest[] = [
  orgsModule,
  peopleModule,
  accountsModule,
  auditModule,
  meetingsModule,
  safetyModule,
  talksModule,
];
