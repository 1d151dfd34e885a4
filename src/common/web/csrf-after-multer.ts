import {
  applyDecorators,
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  Module,
  type NestInterceptor,
  SetMetadata,
  type Type,
  UseInterceptors,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { type Observable, throwError } from 'rxjs';
import { ForbiddenError } from '../errors/app-exceptions.js';
import { isMultipartForm, isRequestValid } from './configure-app.js';

const CHECKS_CSRF_AFTER_MULTER = 'checks-csrf-after-multer';

/**
 * The CSRF token of a multipart form (a file upload) is one of its parts, which only multer reads,
 * and multer runs as the route's interceptor, after the global CSRF middleware. So that middleware
 * lets multipart requests through, and this interceptor, bound after the file interceptor, checks
 * the token once multer has parsed the body (then removes it, as the middleware does for others).
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

/**
 * A route that takes a multipart upload: `@MultipartForm(FileInterceptor('file', options))`.
 * Binds the file interceptor, then the CSRF check, and marks the route as one that checks.
 */
export function MultipartForm(fileInterceptor: Type<NestInterceptor>) {
  return applyDecorators(SetMetadata(CHECKS_CSRF_AFTER_MULTER, true), UseInterceptors(fileInterceptor, CsrfAfterMulterInterceptor));
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
