import type { ModuleManifest } from '../../server/modules';
import { demoSafety } from './demo';
import { safetyRoutes } from './routes';

export const safetyModule: ModuleManifest = { name: 'safety', routes: safetyRoutes, demo: demoSafety };
