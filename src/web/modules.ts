import { homeWeb } from './home';
import type { WebModule } from './registry';

/** Every module's web part, found by its place: `src/{kernel,modules}/<module>/web/index.tsx` exporting `web`. */
const found = import.meta.glob<{ web: WebModule }>(
  ['../kernel/*/web/index.tsx', '../modules/*/web/index.tsx'],
  {
    eager: true,
  },
);

export const WEB_MODULES: WebModule[] = [homeWeb, ...Object.values(found).map((m) => m.web)];
