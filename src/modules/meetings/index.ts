import type { ModuleManifest } from '../../server/modules';
import { demoMeetings } from './demo';
import { meetingsRoutes } from './routes';

export const meetingsModule: ModuleManifest = {
  name: 'meetings',
  routes: meetingsRoutes,
  demo: demoMeetings,
};
