import type { ModuleManifest } from '../../server/modules';
import { auditRoutes } from './routes';

export const auditModule: ModuleManifest = { name: 'audit', routes: auditRoutes };
