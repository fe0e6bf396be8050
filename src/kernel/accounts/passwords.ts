import { hash, verify } from '@node-rs/argon2';

/** Argon2id, the one password hash of the platform (accounts, the setup command, the demo). */
export const hashPassword = (password: string) => hash(password, { algorithm: 2 /* Algorithm.Argon2id */ });

/** Whether the password matches the stored hash; a malformed hash never matches. */
export const passwordMatches = (passwordHash: string, password: string): Promise<boolean> =>
  verify(passwordHash, password).catch(() => false);

// A real hash to verify against when the username is unknown, so timing doesn't reveal which usernames exist.
let dummyHash: Promise<string> | null = null;

/** Spends the time of one verification, for an unknown username; never a match. */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password-Aa1!');
  await passwordMatches(await dummyHash, password);
  return false;
}
