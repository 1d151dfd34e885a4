import { administeredMunicipalityIds, type Actor, isNetworkAdmin } from '../auth/actor.js';

/**
 * The municipalities whose records an actor may reach: every one for a network admin, else those of
 * their department_admin grants. Every list and lookup of a tenant-owned record takes this, so
 * another city's record is simply not found.
 */
export type MunicipalityScope = 'all' | readonly string[];

export function municipalityScopeOf(actor: Actor): MunicipalityScope {
  return isNetworkAdmin(actor) ? 'all' : [...new Set(administeredMunicipalityIds(actor))];
}

export function scopeIncludes(scope: MunicipalityScope, municipalityId: string | null | undefined): boolean {
  if (!municipalityId) return scope === 'all';
  return scope === 'all' || scope.includes(municipalityId);
}

/** As a SQL parameter: NULL means "every municipality", used as `($n::uuid[] IS NULL OR x = ANY($n))`. */
export function scopeParam(scope: MunicipalityScope): string[] | null {
  return scope === 'all' ? null : [...scope];
}
