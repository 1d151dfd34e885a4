import { generate } from 'otplib';
import { acceptedTotpStep, cleanTotpCode, groupedSecret, newRecoveryCodes, newTotpSecret, recoveryCodeHash } from './totp.js';

describe('TOTP codes', () => {
  it('accepts the code of now, typed with spaces, and tells its time step', async () => {
    const secret = newTotpSecret();
    const epoch = Math.floor(Date.now() / 1000);
    const code = await generate({ secret, epoch });
    const step = await acceptedTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null);
    expect(step).toBe(Math.floor(epoch / 30));
  });

  it('accepts a code one step late, for a clock that drifts, but not two', async () => {
    const secret = newTotpSecret();
    const now = Math.floor(Date.now() / 1000);
    expect(await acceptedTotpStep(secret, await generate({ secret, epoch: now - 30 }), null)).toBeDefined();
    expect(await acceptedTotpStep(secret, await generate({ secret, epoch: now - 60 }), null)).toBeUndefined();
  });

  it('refuses a code of a step already used, and a wrong or malformed one', async () => {
    const secret = newTotpSecret();
    const code = await generate({ secret });
    const step = (await acceptedTotpStep(secret, code, null)) as number;
    expect(await acceptedTotpStep(secret, code, step)).toBeUndefined();
    expect(await acceptedTotpStep(secret, code === '000000' ? '111111' : '000000', null)).toBeUndefined();
    expect(cleanTotpCode('12345')).toBeUndefined();
    expect(cleanTotpCode('12a456')).toBeUndefined();
    expect(cleanTotpCode(' 123-456 ')).toBe('123456');
  });

  it('groups a 32-character secret in fours for typing', () => {
    expect(groupedSecret('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')).toBe('ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567');
  });
});

describe('recovery codes', () => {
  it('makes ten different codes of sixteen unmistakable characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
  });

  it('hashes a code the same however it is typed', () => {
    expect(recoveryCodeHash('abcd-efgh-jkmn-pqrs')).toBe(recoveryCodeHash(' ABCD EFGH JKMN PQRS'));
    expect(recoveryCodeHash('abcd-efgh-jkmn-pqrs')).not.toBe(recoveryCodeHash('abcd-efgh-jkmn-pqrt'));
  });
});
