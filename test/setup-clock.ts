import { vi } from 'vitest';
import { TEST_NOW } from './clock';

// Only Date is faked, and it keeps ticking from TEST_NOW: timeouts and the database's own timers are real.
vi.useFakeTimers({ toFake: ['Date'], now: TEST_NOW, shouldAdvanceTime: true });
