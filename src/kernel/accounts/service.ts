/**
 * Kept only for importers outside the kernel that predate api.ts (src/cli/setup.ts, src/cli/roster.ts and
 * a few module tests); they switch to `kernel/accounts/api`, then this file goes. Nothing here imports it.
 */
export { hashPassword } from './passwords';
export { loadActor } from './sessions';
