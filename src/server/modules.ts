import { accountsModule } from '../kernel/accounts';
import { auditModule } from '../kernel/audit';
import { orgsModule } from '../kernel/orgs';
import { peopleModule } from '../kernel/people';
import { assessmentModule } from '../modules/assessment';
import { inspectionModule } from '../modules/inspection';
import { meetingsModule } from '../modules/meetings';
import { safetyModule } from '../modules/safety';
import { talksModule } from '../modules/talks';
import { tasksModule } from '../modules/tasks';
import { trainingModule } from '../modules/training';
import type { ModuleManifest } from '../platform/manifest';
import { installModules } from '../platform/registry';

/** Every module of the platform. Registering a module is one line here; the rest is in its manifest. */
export const MODULES: ModuleManifest[] = [
  orgsModule,
  peopleModule,
  accountsModule,
  auditModule,
  meetingsModule,
  safetyModule,
  talksModule,
  trainingModule,
  tasksModule,
  inspectionModule,
  assessmentModule,
];

installModules(MODULES);
