import type { FastifyPluginAsync } from 'fastify';
import { accountsModule } from '../kernel/accounts';
import { auditModule } from '../kernel/audit';
import { meetingsModule } from '../modules/meetings';
import { orgsModule } from '../kernel/orgs';
import { peopleModule } from '../kernel/people';
import { safetyModule } from '../modules/safety';
import { talksModule } from '../modules/talks';
import type { DemoStep } from '../platform/demo';

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
