import {
  applyDecorators,
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  Module,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { type Observable, throwError } from 'rxjs';
import { ForbiddenError } from '../errors/app-exceptions.js';
import { safeFileName } from '../file-names.js';
import { isMultipartForm, isRequestValid } from './configure-app.js';

const CHECKS_CSRF_AFTER_MULTER = 'checks-csrf-after-multer';

/**
 * The CSRF token of a multipart form (a file upload) is one of its parts, which only multer reads,
 * and multer runs as the route's interceptor, after the global CSRF middleware. So that middleware
 * lets multipart requests through; multer's file filter checks the token before any file is read
 * (see MultipartForm), and this interceptor, bound after the file interceptor, checks it once
 * multer has parsed the body — a form sent without a file — then removes it, as the middleware
 * does for others.
 */
@Injectable()
export class CsrfAfterMulterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (isMultipartForm(req)) {
      if (!isRequestValid(req)) return throwError(() => new ForbiddenError('errors.403.csrf'));
      delete (req.body as Record<string, unknown>)._csrf;
    }
    return next.handle();
  }
}

/** multer's options for one file field: limits, and a fileFilter for what the route accepts. */
export type UploadOptions = NonNullable<Parameters<typeof FileInterceptor>[1]>;
type FileFilter = NonNullable<UploadOptions['fileFilter']>;

/**
 * Before multer reads a file, and before the route's own filter looks at it: a request whose
 * CSRF token is missing or wrong is refused with 403 — never a 400 or 413 about a file a forged
 * request sent. Forms put the hidden _csrf field first, and multer has read every field before
 * the file by the time it asks the filter, so a token sent after the file counts as none. Then
 * the file's name is cleaned, the same way for every upload.
 */
function checkedFirst(routeFilter: FileFilter | undefined): FileFilter {
  return (req, file, accept) => {
    if (!isRequestValid(req as Request)) return accept(new ForbiddenError('errors.403.csrf'), false);
    file.originalname = safeFileName(file.originalname);
    if (routeFilter) routeFilter(req, file, accept);
    else accept(null, true);
  };
}

/**
 * A route that takes a multipart upload: `@MultipartForm('file', { limits, fileFilter })`.
 * Binds multer for that field (its file filter checking the CSRF token first), then the CSRF
 * check of a form sent without a file, and marks the route as one that checks.
 */
export function MultipartForm(field: string, options: UploadOptions) {
  const upload = FileInterceptor(field, { ...options, fileFilter: checkedFirst(options.fileFilter) });
  return applyDecorators(SetMetadata(CHECKS_CSRF_AFTER_MULTER, true), UseInterceptors(upload, CsrfAfterMulterInterceptor));
}

/**
 * Fail closed: a multipart request to any route not declared with @MultipartForm is refused, as
 * nothing would check its token (the global middleware skipped it).
 */
@Injectable()
export class MultipartCsrfGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!isMultipartForm(req)) return true;
    if (this.reflector.get<boolean | undefined>(CHECKS_CSRF_AFTER_MULTER, context.getHandler())) return true;
    throw new ForbiddenError('errors.403.csrf');
  }
}

@Module({ providers: [{ provide: APP_GUARD, useClass: MultipartCsrfGuard }] })
export class CsrfAfterMulterModule {}
