import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { translate } from '../i18n/i18n.js';
import type { Language } from '../i18n/language.js';
import { setLayoutLocals } from '../web/language.middleware.js';
import { AppHttpException, FormValidationException, RedirectException, SignInRequiredException } from './app-exceptions.js';

/** PostgreSQL errors caused by what the client sent, not by us: answered 400, never 500. */
const CLIENT_DATA_SQLSTATES = new Set([
  '22P02', // invalid text representation (a malformed uuid or number)
  '22021', // invalid byte sequence for encoding
  '22P05', // untranslatable character (NUL)
  '22001', // string too long
  '22003', // numeric value out of range
  '22007', // invalid datetime format
  '22008', // datetime field overflow
  '54000', // program limit exceeded (e.g. index row too large)
]);

/**
 * The database is down, restarting or unreachable: nothing is wrong with the request, and it may
 * well work in a moment, so the answer is 503 with Retry-After rather than 500.
 */
const UNAVAILABLE_SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error as { code?: unknown; message?: unknown; driverError?: unknown } | undefined;
  if (!candidate || typeof candidate !== 'object') return false;
  if (typeof candidate.code === 'string' && (UNAVAILABLE_SQLSTATES.has(candidate.code) || UNAVAILABLE_ERRNOS.has(candidate.code))) return true;
  if (typeof candidate.message === 'string' && UNAVAILABLE_MESSAGES.test(candidate.message)) return true;
  return candidate.driverError !== undefined && candidate.driverError !== error && isDatabaseUnavailable(candidate.driverError);
}

export const CSRF_ERROR_MESSAGE = 'invalid csrf token';

const KNOWN_STATUSES = new Set([400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503]);

interface Outcome {
  status: number;
  messageKey: string;
  vars: Record<string, unknown>;
  details?: string[];
}

function outcomeOf(exception: unknown): Outcome {
  if (exception instanceof AppHttpException) {
    return { status: exception.getStatus(), messageKey: exception.messageKey, vars: exception.messageVars };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // csrf-sync's error, as Nest hands on errors of Express middleware.
    if (status === 403 && exception.message === CSRF_ERROR_MESSAGE) return { status, messageKey: 'errors.403.csrf', vars: {} };
    return { status, messageKey: `errors.${KNOWN_STATUSES.has(status) ? status : status < 500 ? 400 : 500}.message`, vars: {} };
  }
  if (isDatabaseUnavailable(exception)) return { status: 503, messageKey: 'errors.503.message', vars: {} };
  const candidate = exception as { code?: unknown; status?: unknown; statusCode?: unknown; type?: unknown };
  if (typeof candidate?.code === 'string' && CLIENT_DATA_SQLSTATES.has(candidate.code)) {
    return { status: 400, messageKey: 'errors.400.message', vars: {} };
  }
  // Errors raised by Express middleware (body parser, csrf-sync, URI decoding) carry a 4xx status.
  const status = Number(candidate?.status ?? candidate?.statusCode);
  if (Number.isInteger(status) && status >= 400 && status < 500) {
    return { status, messageKey: `errors.${KNOWN_STATUSES.has(status) ? status : 400}.message`, vars: {} };
  }
  return { status: 500, messageKey: 'errors.500.message', vars: {} };
}

function wantsJson(req: Request): boolean {
  const accept = req.headers.accept ?? '';
  return req.path === '/health' || (accept.includes('application/json') && !accept.includes('text/html'));
}

/**
 * The one place errors become responses: a page in the reader's language with the status and a
 * plain message, never a stack trace; unexpected errors are logged with the request id, which the
 * page shows so a report can be matched to the log.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      this.logger.error({ err: exception, reqId: req.id }, 'error after the response was sent');
      return;
    }
    // An unknown address is not revealed to someone not signed in: they are asked to sign in first.
    // A missing static file is just missing: a stylesheet link answered with the sign-in page helps nobody.
    const unknownRouteWhileSignedOut =
      exception instanceof NotFoundException && !req.user && req.method === 'GET' && !wantsJson(req) && !req.path.startsWith('/public/');
    if (exception instanceof SignInRequiredException || unknownRouteWhileSignedOut) {
      const returnTo = req.method === 'GET' && req.originalUrl !== '/' ? `?returnTo=${encodeURIComponent(req.originalUrl)}` : '';
      res.redirect(303, `/login${returnTo}`);
      return;
    }
    if (exception instanceof RedirectException) {
      res.redirect(303, exception.location);
      return;
    }
    const outcome = outcomeOf(exception);
    if (outcome.status === 503) {
      this.logger.warn({ err: exception, reqId: req.id }, 'database unavailable');
    } else if (outcome.status >= 500) {
      this.logger.error({ err: exception, reqId: req.id }, 'unhandled error');
    } else {
      this.logger.info({ reqId: req.id, status: outcome.status, reason: (exception as Error)?.message }, 'request refused');
    }
    // Refused before the page middleware ran (body too large, CSRF, session store down): the page
    // still gets the reader's language and direction.
    if (!res.locals.lang) setLayoutLocals(req, res);
    const language = res.locals.lang as Language;
    const message = translate(language, outcome.messageKey, outcome.vars);
    const details =
      exception instanceof FormValidationException
        ? Object.entries(exception.fieldErrors).map(([field, e]) => `${field}: ${translate(language, e.key, e.vars ?? {})}`)
        : [];
    res.status(outcome.status);
    if (outcome.status === 429) res.setHeader('Retry-After', '900');
    if (outcome.status === 503) res.setHeader('Retry-After', '30');
    if (wantsJson(req)) {
      res.json({ statusCode: outcome.status, message, requestId: req.id });
      return;
    }
    res.render(
      'errors/error',
      {
        titleKey: `errors.${KNOWN_STATUSES.has(outcome.status) ? outcome.status : outcome.status < 500 ? 400 : 500}.title`,
        status: outcome.status,
        message,
        details,
        requestId: outcome.status >= 500 ? req.id : undefined,
      },
      (renderError, html) => {
        if (renderError) {
          this.logger.error({ err: renderError, reqId: req.id }, 'error page failed to render');
          res.type('text/plain').send(`${outcome.status} ${message}`);
          return;
        }
        res.send(html);
      },
    );
  }
}
