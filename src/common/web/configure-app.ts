import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { csrfSync } from 'csrf-sync';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { AppConfig } from '../../config/app-config.js';
import { BadRequestError } from '../errors/app-exceptions.js';
import { CSRF_ERROR_MESSAGE } from '../errors/http-exception.filter.js';
import { PROJECT_ROOT } from '../project-root.js';
import { configureViews } from '../views/view-engine.js';
import { Sql } from '../../database/sql.js';
import { PgSessionStore } from './session-store.js';
import { renewSessionId, sessionEndsAt, sessionLifetimesOf } from './session-lifetime.js';
import { rememberWebLayer, type WebLayer } from './web-layer.js';
import { languageLocals } from './language.middleware.js';

declare module 'express-session' {
  interface SessionData {
    /** Last time this session was seen, in ms; refreshed at most every TOUCH_INTERVAL_MS. */
    seenAt?: number;
    /** When the person signed in (ms): the session's lifetime counts from here. */
    signedInAt?: number;
    /** The SessionProfile of the signed-in person when it was last checked. */
    grants?: string;
    administrator?: boolean;
    /** The browser and (last seen) address, for the person's list of their sessions. */
    userAgent?: string;
    ip?: string;
    lang?: string;
    flash?: { kind: 'success' | 'error'; key: string; vars?: Record<string, unknown> }[];
  }
}

/** A read-only request writes nothing to the session store unless the session is this old. */
export const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/** A session's data as express-session compares it (its cookie aside): changed when this string is. */
function sessionFingerprint(s: object): string {
  return JSON.stringify(s, (key, value: unknown) => (key === 'cookie' ? undefined : value));
}

/** A multipart form's fields are parsed by multer in the route, after the CSRF middleware: see csrf-after-multer.ts. */
export function isMultipartForm(req: Request): boolean {
  return Boolean(req.is('multipart/form-data'));
}

export const { csrfSynchronisedProtection, generateToken, revokeToken, isRequestValid, getTokenFromState } = csrfSync({
  errorConfig: { statusCode: 403, message: CSRF_ERROR_MESSAGE, code: 'EBADCSRFTOKEN' },
  getTokenFromRequest: (req) => (req.body?._csrf as string | undefined) ?? (req.headers['x-csrf-token'] as string | undefined),
  // Checked by CsrfAfterMulterInterceptor once multer has read the body; MultipartCsrfGuard refuses
  // a multipart request to any route that does not do so.
  skipCsrfProtection: isMultipartForm,
});

/** Paths whose URL holds a secret (reset tokens) are logged without it. */
function redactUrl(url: string): string {
  return url.replace(/(\/password-reset\/)[^/?#]+/, '$1[redacted]').replace(/([?&](?:token|_csrf)=)[^&]*/g, '$1[redacted]');
}

function containsNul(value: unknown, depth = 0): boolean {
  if (depth > 40) return false;
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
  return false;
}

/** Field names like toString or constructor: no form has them, and code reading the body may trip on them. */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

function containsPrototypeName(value: unknown, depth = 0): boolean {
  if (depth > 40 || !value || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => PROTOTYPE_NAMES.has(k) || containsPrototypeName(v, depth + 1));
}

export function configureApp(app: NestExpressApplication, config: AppConfig, logger: Logger, layer: WebLayer): void {
  rememberWebLayer(app.getHttpAdapter().getInstance() as { locals: Record<string, unknown> }, layer);
  const isHttps = config.publicUrl?.startsWith('https:') ?? false;

  app.disable('x-powered-by');
  if (config.trustProxy) app.set('trust proxy', 1);
  configureViews(app, config.nodeEnv === 'production');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/health' || (req.url ?? '').startsWith('/public/') },
    }),
  );

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          ...(isHttps ? { 'upgrade-insecure-requests': [] } : {}),
        },
      },
      strictTransportSecurity: isHttps,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );

  app.use('/public', express.static(join(PROJECT_ROOT, 'public'), { maxAge: config.nodeEnv === 'production' ? '1d' : 0, index: false }));

  app.use(express.urlencoded({ extended: true, limit: '200kb', parameterLimit: 2000 }));
  app.use(express.json({ limit: '200kb' }));
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (containsNul(req.body) || containsNul(req.query) || req.originalUrl.includes('%00')) return next(new BadRequestError('errors.400.invalidCharacters'));
    if (containsPrototypeName(req.body) || containsPrototypeName(req.query)) return next(new BadRequestError('errors.400.unexpectedField'));
    next();
  });

  if (isHttps) {
    // The public address is https, so TLS ends in front of the app: the browser's connection is
    // secure even when the last hop to Node is not. express-session only sends a Secure cookie
    // on a request it believes secure, and would otherwise send none at all.
    app.use((req: Request, _res: Response, next: NextFunction) => {
      Object.defineProperty(req, 'secure', { value: true, configurable: true });
      next();
    });
  }

  const lifetimes = sessionLifetimesOf(config);
  const store = new PgSessionStore(app.get(Sql), lifetimes, {
    pruneEveryMinutes: config.runScheduler ? 15 : false,
    onError: (err) => logger.error({ err }, 'session store error'),
  });
  app.use(
    session({
      name: 'ta.sid',
      secret: config.sessionSecret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: false,
      unset: 'destroy',
      cookie: { httpOnly: true, sameSite: 'lax', secure: isHttps ? true : 'auto', maxAge: config.sessionMaxAgeHours * 3600 * 1000 },
    }),
  );

  // A redirect waits for the session to be saved. express-session saves at the end of a response
  // but sends the status and headers first, so a browser follows a 303 before a flash message (or a
  // sign-in) set by the POST is in the store, and the next page, reading the old session, shows
  // nothing (seen under load in the browser journeys: the flash then went to the page's next GET).
  // Only a session this request changed is saved here; a read-only redirect writes nothing.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!req.session) return next();
    const before = sessionFingerprint(req.session);
    const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
    res.redirect = ((...args: unknown[]) => {
      const s = req.session as (typeof req.session & { save?: unknown }) | undefined;
      if (!s || typeof s.save !== 'function' || sessionFingerprint(s) === before) return redirect(...args);
      s.save((error?: unknown) => (error ? next(error) : redirect(...args)));
    }) as typeof res.redirect;
    next();
  });

  // Defined as soon as there is a session, so that an error page raised later (a failed CSRF
  // check) still gets a working language switch; a token is made only when a page asks for one.
  app.use((req: Request, res: Response, next: NextFunction) => {
    Object.defineProperty(res.locals, 'csrfToken', { enumerable: true, configurable: true, get: () => generateToken(req) });
    next();
  });

  // Idle timeout (shorter for administrators) and lifetime without a write per request: the
  // session records when it was last seen, and from where, only when that is more than
  // TOUCH_INTERVAL_MS ago. The store does not even find a session that has ended; this catches one
  // that ends while its row is still there.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const s = req.session;
    if (!s) return next();
    const now = Date.now();
    if ((s.seenAt !== undefined || s.signedInAt !== undefined) && sessionEndsAt(s, lifetimes, now) < now) {
      s.regenerate((error) => next(error));
      return;
    }
    if (!s.seenAt || now - s.seenAt > TOUCH_INTERVAL_MS) {
      const signedIn = Boolean((s as { passport?: { user?: unknown } }).passport?.user);
      if (s.seenAt || signedIn || s.csrfToken) s.seenAt = now;
      if (signedIn) s.ip = (req.ip ?? '').slice(0, 100);
    }
    next();
  });

  app.use(layer.passport.initialize() as express.RequestHandler);
  app.use(layer.passport.session() as express.RequestHandler);
  // A change of the person's roles (granted, revoked, another city) gives their session a new id
  // on their next request, signed in as before, and the idle timeout of their new rights.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) return next();
    const profile = layer.describeSession(req.user);
    const s = req.session;
    if (s.grants === profile.grants && Boolean(s.administrator) === profile.administrator) return next();
    renewSessionId(req).then(() => {
      req.session.grants = profile.grants;
      req.session.administrator = profile.administrator;
      req.session.signedInAt ??= Date.now();
      next();
    }, next);
  });
  // A signed-in page (its error pages too) is never kept by the browser or a proxy: after sign-out,
  // Back must not show it.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.user) res.setHeader('Cache-Control', 'no-store');
    next();
  });

  app.use(csrfSynchronisedProtection);
  // Checked: the token is not part of any form's data, so DTOs never have to list it.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)._csrf;
    next();
  });
  app.use(languageLocals());
}
