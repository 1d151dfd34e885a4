import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * An HTTP error whose message is a translation key, so the error page speaks the reader's language.
 */
export class AppHttpException extends HttpException {
  constructor(
    status: number,
    readonly messageKey: string,
    readonly messageVars: Record<string, unknown> = {},
  ) {
    super(messageKey, status);
  }
}

export class NotFoundError extends AppHttpException {
  constructor(messageKey = 'errors.404.message') {
    super(HttpStatus.NOT_FOUND, messageKey);
  }
}

export class ForbiddenError extends AppHttpException {
  constructor(messageKey = 'errors.403.message') {
    super(HttpStatus.FORBIDDEN, messageKey);
  }
}

export class BadRequestError extends AppHttpException {
  constructor(messageKey = 'errors.400.message', vars: Record<string, unknown> = {}) {
    super(HttpStatus.BAD_REQUEST, messageKey, vars);
  }
}

export class ConflictError extends AppHttpException {
  constructor(messageKey: string, vars: Record<string, unknown> = {}) {
    super(HttpStatus.CONFLICT, messageKey, vars);
  }
}

/** Thrown by guards for a page that needs a signed-in person; answered with a redirect to /login. */
export class SignInRequiredException extends HttpException {
  constructor() {
    super('sign-in required', HttpStatus.UNAUTHORIZED);
  }
}

/**
 * Thrown where a request must go somewhere else first (a guard sending an administrator to set up
 * two-factor sign-in, a page whose step has not been reached); answered with a 303 to `location`,
 * a path on this site.
 */
export class RedirectException extends HttpException {
  constructor(readonly location: string) {
    super('redirect', HttpStatus.SEE_OTHER);
  }
}

/** A field's problem as a translation key plus its values, e.g. validation.maxLength {max}. */
export interface FieldError {
  key: string;
  vars?: Record<string, unknown>;
}

/**
 * Thrown when a submitted form fails validation (by the pipe or by a service, e.g. an e-mail
 * already taken); the form-view interceptor re-renders the form with the values and errors.
 */
export class FormValidationException extends HttpException {
  constructor(
    readonly fieldErrors: Record<string, FieldError>,
    status: number = HttpStatus.BAD_REQUEST,
  ) {
    super('form invalid', status);
  }

  static field(field: string, key: string, vars: Record<string, unknown> = {}, status?: number): FormValidationException {
    return new FormValidationException({ [field]: { key, vars } }, status);
  }
}
