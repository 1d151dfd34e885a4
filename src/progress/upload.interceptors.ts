import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { FormValidationException } from '../common/errors/app-exceptions.js';
import type { UploadOptions } from '../common/web/csrf-after-multer.js';
import { MAX_SUBMISSION_FILE_BYTES } from './submission-files.js';

/**
 * The submission form's file, read into memory (multer's default storage, at most 10 MB) so its
 * first bytes can be checked before anything is written to disk. The text field may hold 50,000
 * characters of Hebrew (two bytes each in UTF-8), hence the field size. Browsers send file names
 * as UTF-8, so a Hebrew or Arabic name survives.
 */
export const SUBMISSION_UPLOAD: UploadOptions = {
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_SUBMISSION_FILE_BYTES, files: 1, fields: 5, fieldSize: 256 * 1024, parts: 8 },
};

/** A file over the limit is a problem with the form's file field, shown on the form, not an error page. */
@Injectable()
export class UploadLimitAsFormError implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() => (error instanceof PayloadTooLargeException ? FormValidationException.field('file', 'progress.errors.fileTooLarge') : error)),
        ),
      );
  }
}
