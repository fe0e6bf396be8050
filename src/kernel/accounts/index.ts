import type { ModuleManifest } from '../../server/modules';
import { demoAccounts } from './demo';
import { accountsRoutes } from './routes';

export const accountsModule: ModuleManifest = {
  name: 'accounts',
  routes: accountsRoutes,
  demo: demoAccounts,
};
