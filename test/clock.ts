/**
 * The tests' fixed "now": the demo section is generated for this moment and every test process runs
 * with its clock starting here (test/setup-clock.ts), so no result moves when the real date crosses a
 * month or quarter end. A Wednesday in the middle of a quarter, 10:00 in Shanghai.
 */
export const TEST_TODAY = '2026-11-18';
export const TEST_NOW = new Date(`${TEST_TODAY}T10:00:00+08:00`);
