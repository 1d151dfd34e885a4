import { jest } from '@jest/globals';
import { argon2id, hashPassword, verifyPassword } from './passwords.js';

describe('verifyPassword', () => {
  afterEach(() => jest.restoreAllMocks());

  it('accepts the password a hash was made from, and nothing else', async () => {
    const hash = await hashPassword('quiet-river-stone-42');
    expect(await verifyPassword(hash, 'quiet-river-stone-42')).toBe(true);
    expect(await verifyPassword(hash, 'quiet-river-stone-43')).toBe(false);
  });

  it('spends one real argon2 verification on an account without a password, and refuses it', async () => {
    const verify = jest.spyOn(argon2id, 'verify');
    expect(await verifyPassword(null, 'any-password-at-all')).toBe(false);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0][0]).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('not-a-hash', 'any-password-at-all')).toBe(false);
  });
});
