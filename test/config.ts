import type { AppConfig } from '../src/platform/context';

export const TEST_CONFIG: AppConfig = {
  demoMode: true,
  filesDir: '.tmp/files',
  secureCookies: false,
  loginRateLimitPerMinute: 1000,
};
