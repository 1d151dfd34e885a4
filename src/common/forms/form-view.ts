import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, type Observable, switchMap, throwError } from 'rxjs';
import { FormValidationException } from '../errors/app-exceptions.js';
import { translate } from '../i18n/i18n.js';
import type { Language } from '../i18n/language.js';

const FORM_VIEW = 'form-view';

interface FormViewMeta {
  view: string;
  /**
   * A method of the same controller, `(req, lang) => Promise<model>`, returning what the form needs
   * besides the values (select options...).
   */
  model?: string;
}

/**
 * Marks a POST handler whose form, when invalid, is shown again: same view, the values as typed,
 * each error tied to its field, status 400 (or what the exception says). The handler redirects on
 * success through @Res(), so there is never a second response.
 */
export const FormView = (view: string, model?: string) => SetMetadata(FORM_VIEW, { view, model } satisfies FormViewMeta);

/** Everything typed, minus what must never be echoed back into a page. */
function echoableValues(body: unknown): Record<string, unknown> {
  const values = { ...((body ?? {}) as Record<string, unknown>) };
  for (const key of Object.keys(values)) if (key === '_csrf' || /password/i.test(key)) delete values[key];
  return values;
}

@Injectable()
export class FormViewInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const meta = this.reflector.get<FormViewMeta | undefined>(FORM_VIEW, context.getHandler());
    if (!meta) return next.handle();
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof FormValidationException)) return throwError(() => error);
        const req = context.switchToHttp().getRequest<Request>();
        const res = context.switchToHttp().getResponse<Response>();
        return from(this.render(meta, context, req, res, error)).pipe(switchMap(async () => undefined));
      }),
    );
  }

  private async render(meta: FormViewMeta, context: ExecutionContext, req: Request, res: Response, error: FormValidationException): Promise<void> {
    const language = (res.locals.lang ?? 'en') as Language;
    let base: Record<string, unknown> = {};
    if (meta.model) {
      const controller = this.moduleRef.get(context.getClass(), { strict: false }) as Record<
        string,
        (req: Request, lang: Language) => Promise<Record<string, unknown>>
      >;
      base = await controller[meta.model](req, language);
    }
    const errors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, e]) => [field, translate(language, e.key, e.vars ?? {})]));
    // The layout's error summary links each message to its field (the field's id is its name).
    const errorList = Object.entries(errors).map(([field, message]) => ({ field, message }));
    res
      .status(error.getStatus())
      .render(meta.view, { ...base, values: { ...((base.values as object) ?? {}), ...echoableValues(req.body) }, errors, errorList, hasErrors: true });
  }
}
