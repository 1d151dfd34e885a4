import argon2 from 'argon2';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * The argon2id hash, with the parameters above, of a random password that was thrown away. A
 * check for an account without a password (invited, imported) or without an account at all is
 * made against it, so that it costs what a real check costs.
 */
const DUMMY_HASH = '$argon2id$v=19$m=19456,p=1,t=2$ThvW5E1tdbL94gJwA9B6Uw$X0XFtzvG6uTk2SzNGVgEF7YcuS0QkPB2dbRTM/cbEIg';

/**
 * The two argon2 calls the app makes, on one object so that a test can count them: every sign-in
 * path must make exactly one verification.
 */
export const argon2id = {
  hash: (password: string): Promise<string> => argon2.hash(password, HASH_OPTIONS),
  verify: (hash: string, password: string): Promise<boolean> => argon2.verify(hash, password),
};

export function hashPassword(password: string): Promise<string> {
  return argon2id.hash(password);
}

/**
 * Exactly one argon2 verification whatever the account: without a hash (no password yet, or no
 * account) the password is checked against the dummy, and the answer is no.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  let matches: boolean;
  try {
    matches = await argon2id.verify(hash ?? DUMMY_HASH, password);
  } catch {
    matches = false;
  }
  return hash !== null && matches;
}
