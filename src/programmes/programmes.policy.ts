import { administeredMunicipalityIds, isNetworkAdmin, type Actor } from '../auth/actor.js';

export type ProgrammeAction = 'view' | 'edit' | 'copy' | 'startCohort';

/** The one fact about a programme that access depends on: whose it is (null: a network template). */
export interface ProgrammeOwnership {
  municipalityId: string | null;
}

/** Which programmes a person may see at all: network admins every one, department admins their cities' and the templates. */
export interface ProgrammeScope {
  all: boolean;
  municipalityIds: string[];
}

export function programmeScope(actor: Actor): ProgrammeScope {
  return { all: isNetworkAdmin(actor), municipalityIds: administeredMunicipalityIds(actor) };
}

/**
 * Who may do what to a programme. Templates are the network's: department admins read and copy
 * them but never change them; a city's programme is its department's (and the network's) to edit.
 */
export function canProgramme(actor: Actor, action: ProgrammeAction, programme: ProgrammeOwnership): boolean {
  const network = isNetworkAdmin(actor);
  const cities = administeredMunicipalityIds(actor);
  const isTemplate = programme.municipalityId === null;
  const ownCity = !isTemplate && cities.includes(programme.municipalityId as string);
  switch (action) {
    case 'view':
      return network || ownCity || (isTemplate && cities.length > 0);
    case 'edit':
      return network || ownCity;
    case 'copy':
      return isTemplate && (network || cities.length > 0);
    case 'startCohort':
      return !isTemplate && (network || ownCity);
  }
}

/** Creating a programme in a city (or, with null, a network template). */
export function canCreateProgrammeIn(actor: Actor, municipalityId: string | null): boolean {
  if (isNetworkAdmin(actor)) return true;
  return municipalityId !== null && administeredMunicipalityIds(actor).includes(municipalityId);
}

/** Copying a template into a given city. */
export function canCopyInto(actor: Actor, template: ProgrammeOwnership, municipalityId: string): boolean {
  return canProgramme(actor, 'copy', template) && canCreateProgrammeIn(actor, municipalityId);
}
