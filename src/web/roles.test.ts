import { describe, expect, it } from 'vitest';
import { ROLE_LABELS as CONTRACT } from '../kernel/accounts/contract';
import { ROLE_LABELS as WEB } from './roles';

describe('the shell role labels', () => {
  it('are the accounts contract’s, in the same order', () => {
    expect(Object.entries(WEB)).toEqual(Object.entries(CONTRACT));
  });
});
