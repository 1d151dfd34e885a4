import type { FieldError } from '../common/errors/app-exceptions.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 128;

/** The translation key of the first rule the new password breaks, or undefined. */
function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return 'auth.password.tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'auth.password.tooLong';
  const normalised = password.toLowerCase();
  if (COMMON_PASSWORDS.has(normalised) || /^(.)\1+$/.test(password)) return 'auth.password.tooCommon';
  if (normalised.includes(email.toLowerCase().split('@')[0]) && email.split('@')[0].length >= 4) return 'auth.password.containsEmail';
  return undefined;
}

/**
 * The password rules, the one place they live: every "choose a new password" form (profile and
 * reset) checks the new password against them, then that the confirmation matches. Field name →
 * problem; empty when all is well.
 */
export function newPasswordErrors(newPassword: string, confirmPassword: string, email: string): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  const problem = passwordProblem(newPassword, email);
  if (problem) errors.newPassword = { key: problem };
  if (newPassword !== confirmPassword) errors.confirmPassword = { key: 'profile.password.mismatch' };
  return errors;
}
