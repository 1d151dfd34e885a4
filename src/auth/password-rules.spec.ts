import { newPasswordErrors } from './password-rules.js';

describe('newPasswordErrors', () => {
  it('accepts a long, uncommon password typed twice', () => {
    expect(newPasswordErrors('quiet-river-stone-42', 'quiet-river-stone-42', 'dana@city.test')).toEqual({});
  });

  it('ties each problem to its field', () => {
    expect(newPasswordErrors('short', 'other', 'dana@city.test')).toEqual({
      newPassword: { key: 'auth.password.tooShort' },
      confirmPassword: { key: 'profile.password.mismatch' },
    });
  });

  it('refuses a common password and one holding the e-mail name', () => {
    expect(newPasswordErrors('password1234', 'password1234', 'dana@city.test').newPassword?.key).toBe('auth.password.tooCommon');
    expect(newPasswordErrors('my-name-is-dana.levi', 'my-name-is-dana.levi', 'dana.levi@city.test').newPassword?.key).toBe('auth.password.containsEmail');
  });
});
