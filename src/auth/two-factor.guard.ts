import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RedirectException } from '../common/errors/app-exceptions.js';
import { isPublicRoute } from './guards.js';

const OPEN_BEFORE_ENROLMENT = 'open-before-two-factor-enrolment';

/** A route an administrator who must enrol in two-factor sign-in may still use: enrolment itself, sign-out. */
export const OpenBeforeTwoFactorEnrolment = () => SetMetadata(OPEN_BEFORE_ENROLMENT, true);

/** Where the guard sends them. */
export const ENROLMENT_PAGE = '/profile/two-factor';

/**
 * An administrator whose city (or network) requires two-factor sign-in and who has not set it up
 * is led to do so before any other page: every route but the enrolment ones, sign-out and those
 * open to everyone (the language switch, sign-in) redirects there.
 */
@Injectable()
export class TwoFactorEnrolmentGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<Request>().user;
    if (!user || !user.twoFactorRequired || user.twoFactorEnabled) return true;
    if (isPublicRoute(this.reflector, context)) return true;
    if (this.reflector.getAllAndOverride<boolean>(OPEN_BEFORE_ENROLMENT, [context.getHandler(), context.getClass()])) return true;
    throw new RedirectException(ENROLMENT_PAGE);
  }
}
