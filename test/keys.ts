import { parseKeyRing } from '../src/platform/crypto';

/** Fixed keys for tests, so the template database's sealed values open in every test file. */
export const TEST_KEYS = parseKeyRing({
  keys: `t1:${Buffer.alloc(32, 7).toString('base64')},t0:${Buffer.alloc(32, 3).toString('base64')}`,
  blindIndexKey: Buffer.alloc(32, 9).toString('base64'),
});
