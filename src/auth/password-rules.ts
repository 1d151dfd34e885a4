import { passwordProblem } from '../auth/passwords.js';
import type { FieldError } from '../common/errors/app-exceptions.js';

/**
 * The checks every "choose a new password" form makes (profile and reset): the password rules,
 * then that the confirmation matches. Field name → problem; empty when all is well.
 */
export function newPasswordErrors(newPassword: string, confirmPassword: string, email: string): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  const problem = passwordProblem(newPassword, email);
  if (problem) errors.newPassword = { key: problem };
  if (newPassword !== confirmPassword) errors.confirmPassword = { key: 'profile.password.mismatch' };
  return errors;
}
