import type { SignedInPerson } from '../common/web/web-layer.js';
import { type Actor, roleNames } from './actor.js';
import { permissionsFor } from './permissions.js';

/** The actor as the layout sees them: name, language, city, roles and what they may do. */
export function describeActor(actor: Actor): SignedInPerson {
  const roles = roleNames(actor);
  return {
    displayName: actor.displayName,
    preferredLanguage: actor.preferredLanguage,
    municipalityLocale: actor.municipalityLocale,
    municipalityTimeZone: actor.municipalityTimeZone,
    roles,
    permissions: permissionsFor(roles),
    unreadNotifications: actor.unreadNotifications ?? 0,
  };
}
