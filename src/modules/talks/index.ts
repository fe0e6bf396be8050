import type { ModuleManifest } from '../../server/modules';
import { talksRoutes } from './routes';

/** Talk demo data is written by the safety demo step, which knows the violations the talks follow. */
export const talksModule: ModuleManifest = { name: 'talks', routes: talksRoutes };
