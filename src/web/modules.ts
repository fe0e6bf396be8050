import type { WebModule } from './registry';

/** The web side of every module, in navigation order; each module's web/index.tsx exports one. */
export const WEB_MODULES: WebModule[] = [];
