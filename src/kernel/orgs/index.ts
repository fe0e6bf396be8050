import type { ModuleManifest } from '../../server/modules';
import { demoOrgs } from './demo';
import { orgsRoutes } from './routes';

export const orgsModule: ModuleManifest = { name: 'orgs', routes: orgsRoutes, demo: demoOrgs };
