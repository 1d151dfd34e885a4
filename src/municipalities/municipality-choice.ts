import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { FormValidationException } from '../common/errors/app-exceptions.js';
import type { Language } from '../common/i18n/language.js';
import { type MunicipalityOption, MunicipalitiesRepository } from './municipalities.repository.js';
import { municipalityScopeOf, scopeIncludes, scopeParam } from './municipality-scope.js';

/**
 * Which municipality a new record (school, person, import) goes to: a network admin, or a
 * department admin of several cities, picks one from a select; a department admin of one city
 * has it implied. What was picked is checked against what the person administers, never trusted.
 */
@Injectable()
export class MunicipalityChoice {
  constructor(private readonly municipalities: MunicipalitiesRepository) {}

  async options(actor: Actor, lang: Language): Promise<MunicipalityOption[]> {
    return this.municipalities.listOptions(lang, scopeParam(municipalityScopeOf(actor)));
  }

  /** The select is shown only when there is something to choose. */
  async formModel(actor: Actor, lang: Language, preselected?: string) {
    const options = await this.options(actor, lang);
    return {
      municipalityOptions: options,
      choosesMunicipality: options.length > 1,
      impliedMunicipality: options.length === 1 ? options[0] : undefined,
      preselectedMunicipality: options.some((o) => o.id === preselected) ? preselected : undefined,
    };
  }

  async resolve(actor: Actor, picked: string | undefined, lang: Language, field = 'municipality'): Promise<string> {
    const scope = municipalityScopeOf(actor);
    if (picked) {
      if (!scopeIncludes(scope, picked)) throw FormValidationException.field(field, 'validation.choice');
      const found = await this.municipalities.listOptions(lang, [picked]);
      if (found.length === 0) throw FormValidationException.field(field, 'validation.choice');
      return picked;
    }
    const options = await this.options(actor, lang);
    if (options.length !== 1) throw FormValidationException.field(field, 'validation.required');
    return options[0].id;
  }
}
