import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db';
import {
  ACCOUNT_LOCK_AFTER_FAILURES,
  isLocked,
  LOCK_AFTER_FAILURES,
  type Reservation,
  reserveAttempt,
  type Throttle,
  UNLOCK_TRIES,
} from './rules';
import { loginThrottles } from './tables';

/**
 * The counters of login attempts (rules.ts `reserveAttempt`), taken in one transaction under row locks
 * before any password or code is checked: parallel guesses queue on the rows and each sees the count the
 * one before it left.
 */

/** The username-wide counter's address; the one of codes that lift a username-wide lock. */
export const EVERY_ADDRESS = '*';
const UNLOCK_ADDRESS = '#unlock';

interface Counter {
  address: string;
  limit: number;
}

const normal = (username: string) => username.trim().toLowerCase();

/** The counters a password or second-factor attempt takes from: this address's, and every address's. */
export const loginCounters = (ip: string): Counter[] => [
  { address: EVERY_ADDRESS, limit: ACCOUNT_LOCK_AFTER_FAILURES },
  { address: ip, limit: LOCK_AFTER_FAILURES },
];

/** The counters a code that lifts a username-wide lock takes from (not the lock it lifts). */
export const unlockCounters = (ip: string): Counter[] => [
  { address: UNLOCK_ADDRESS, limit: UNLOCK_TRIES },
  { address: ip, limit: LOCK_AFTER_FAILURES },
];

let sweeps = 0;

export async function takeAttempt(
  db: Executor,
  username: string,
  counters: Counter[],
  now: Date,
): Promise<Reservation> {
  const name = normal(username);
  const addresses = counters.map((c) => c.address);
  return db.transaction(async (tx) => {
    await tx
      .insert(loginThrottles)
      .values(addresses.map((address) => ({ username: name, address, failures: 0, updatedAt: now })))
      .onConflictDoNothing();
    // Locked in one order (by address) so that two attempts never wait on each other's rows.
    const rows = await tx
      .select()
      .from(loginThrottles)
      .where(and(eq(loginThrottles.username, name), inArray(loginThrottles.address, addresses)))
      .orderBy(loginThrottles.address)
      .for('update');
    const byAddress = new Map(rows.map((r) => [r.address, r as Throttle]));
    const reservation = reserveAttempt(
      addresses.map((a) => byAddress.get(a)),
      counters.map((c) => c.limit),
      now,
    );
    for (const [i, address] of addresses.entries()) {
      const c = reservation.counters[i];
      await tx
        .update(loginThrottles)
        .set({ failures: c.failures, lockedUntil: c.lockedUntil, updatedAt: c.updatedAt })
        .where(and(eq(loginThrottles.username, name), eq(loginThrottles.address, address)));
    }
    return reservation;
  });
}

/** A right password or code: the counters it took from start again (consecutive failures only count). */
export async function clearAttempts(db: Executor, username: string, addresses: string[]): Promise<void> {
  await db
    .delete(loginThrottles)
    .where(and(eq(loginThrottles.username, normal(username)), inArray(loginThrottles.address, addresses)));
  // Counters of names nobody tried for a day are forgotten now and then (unknown names pile up otherwise).
  if (++sweeps % 100 === 0) {
    await db.delete(loginThrottles).where(lt(loginThrottles.updatedAt, new Date(Date.now() - 86_400_000)));
  }
}

/** Every counter of a username (a reset ends its locks). */
export const clearAllAttempts = (db: Executor, username: string) =>
  db.delete(loginThrottles).where(eq(loginThrottles.username, normal(username)));

/** The usernames among these that are locked from every address now (for the accounts list). */
export async function lockedEverywhere(db: Executor, usernames: string[], now: Date): Promise<Set<string>> {
  if (!usernames.length) return new Set();
  const rows = await db
    .select({ username: loginThrottles.username, lockedUntil: loginThrottles.lockedUntil })
    .from(loginThrottles)
    .where(
      and(
        inArray(loginThrottles.username, usernames.map(normal)),
        eq(loginThrottles.address, EVERY_ADDRESS),
        sql`${loginThrottles.lockedUntil} is not null`,
      ),
    );
  return new Set(rows.filter((r) => isLocked(r.lockedUntil, now)).map((r) => r.username));
}
