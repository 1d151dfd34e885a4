import { createHash } from 'node:crypto';
import type { SessionProfile } from '../common/web/session-lifetime.js';
import type { SignedInPerson } from '../common/web/web-layer.js';
import { type Actor, administeredMunicipalityIds, isNetworkAdmin, roleNames } from './actor.js';
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

/**
 * The person's rights as the session keeps them: a fingerprint of every role grant (role, city,
 * cohort), so that any change is noticed on their next request, and whether they administer a
 * city or the network.
 */
export function describeSession(actor: Actor): SessionProfile {
  const grants = actor.grants.map((g) => `${g.role}:${g.municipalityId ?? ''}:${g.cohortId ?? ''}`).sort();
  return {
    grants: createHash('sha256').update(grants.join('|')).digest('base64url').slice(0, 22),
    administrator: isNetworkAdmin(actor) || administeredMunicipalityIds(actor).length > 0,
  };
}
