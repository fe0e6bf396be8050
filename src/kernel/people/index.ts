import type { ModuleManifest } from '../../server/modules';
import { demoPeople } from './demo';
import { peopleRoutes } from './routes';

export const peopleModule: ModuleManifest = { name: 'people', routes: peopleRoutes, demo: demoPeople };
