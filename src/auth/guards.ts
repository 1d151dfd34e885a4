import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, SignInRequiredException } from '../common/errors/app-exceptions.js';
import { roleNames, type Actor } from './actor.js';
import type { Permission } from '../common/permissions.js';
import { permissionsFor } from './permissions.js';

const PUBLIC = 'public-route';
const PERMISSIONS = 'required-permissions';

/** A route anyone may open without signing in (sign-in, password reset, health). */
export const Public = () => SetMetadata(PUBLIC, true);

export function isPublicRoute(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]) ?? false;
}

/** The route needs any one of these permissions; which records is the policy's job. */
export const RequirePermission = (...permissions: Permission[]) => SetMetadata(PERMISSIONS, permissions);

/** The signed-in person, as loaded for this request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const req = context.switchToHttp().getRequest<Request>();
  return req.user as Actor;
});

/**
 * Every route needs a signed-in person unless marked @Public(); a page requested without one
 * redirects to /login (the filter does that for SignInRequiredException).
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (isPublicRoute(this.reflector, context)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!req.user) throw new SignInRequiredException();
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(PERMISSIONS, [context.getHandler(), context.getClass()]);
    if (required?.length) {
      const granted = permissionsFor(roleNames(req.user));
      if (!required.some((p) => granted.has(p))) throw new ForbiddenError();
    }
    return true;
  }
}
