import { Injectable } from '@nestjs/common';
import { isUniqueViolation, Sql } from '../database/sql.js';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { ForbiddenError, FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import { type PageRequest, pageView } from '../common/pagination.js';
import { MunicipalityChoice } from '../municipalities/municipality-choice.js';
import { municipalityScopeOf, scopeParam } from '../municipalities/municipality-scope.js';
import type { Language } from '../common/i18n/language.js';
import type { NewSchoolDto, SchoolDto } from './dto/school.dto.js';
import { mayActOnSchools, type SchoolAction } from './schools.policy.js';
import { type SchoolRow, SchoolsRepository } from './schools.repository.js';

const DUPLICATE_NAME = 'school_municipality_name_key';

@Injectable()
export class SchoolsService {
  constructor(
    private readonly sql: Sql,
    private readonly schools: SchoolsRepository,
    private readonly choice: MunicipalityChoice,
    private readonly audit: AuditService,
  ) {}

  private check(actor: Actor, action: SchoolAction, municipalityId?: string): void {
    if (!mayActOnSchools(actor, action, municipalityId)) throw new ForbiddenError();
  }

  /** The municipalities in which this person may keep schools, for the filter and the new-school form. */
  private async municipalityChoices(actor: Actor, lang: Language, preselected?: string) {
    this.check(actor, 'list');
    return this.choice.formModel(actor, lang, preselected);
  }

  async listPage(actor: Actor, lang: Language, page: PageRequest, municipalityId: string | undefined) {
    this.check(actor, 'list');
    const [{ items, total }, choices] = await Promise.all([
      this.schools.listInScope({ scope: scopeParam(municipalityScopeOf(actor)), municipalityId }, page, lang),
      this.municipalityChoices(actor, lang, municipalityId),
    ]);
    return {
      ...choices,
      filterMunicipality: municipalityId,
      isFiltered: municipalityId !== undefined,
      page: pageView(items, total, page, '/schools', { municipality: municipalityId }),
      isEmpty: total === 0,
    };
  }

  /** The new-school form; a city given in the address is picked already. */
  async newForm(actor: Actor, lang: Language, municipalityId?: string) {
    const model = await this.newFormModel(actor, lang, municipalityId);
    return { ...model, values: { municipality: model.preselectedMunicipality } };
  }

  async newFormModel(actor: Actor, lang: Language, municipalityId?: string) {
    return { action: '/schools', isNew: true, ...(await this.municipalityChoices(actor, lang, municipalityId)) };
  }

  async showPage(actor: Actor, id: string, lang: Language) {
    return { school: await this.find(actor, id, 'view', lang) };
  }

  async editForm(actor: Actor, id: string, lang: Language) {
    const model = await this.editFormModel(actor, id, lang);
    return { ...model, values: { name: model.school.name, symbol: model.school.symbol } };
  }

  async editFormModel(actor: Actor, id: string, lang: Language) {
    const school = await this.find(actor, id, 'update', lang);
    return { action: `/schools/${school.id}`, school };
  }

  async deactivatePage(actor: Actor, id: string, lang: Language) {
    return { school: await this.find(actor, id, 'deactivate', lang) };
  }

  /** A school this person may act on, or a 404: another city's school does not exist for them. */
  private async find(actor: Actor, id: string, action: SchoolAction, lang: Language): Promise<SchoolRow> {
    const school = await this.schools.findInScope(id, scopeParam(municipalityScopeOf(actor)), lang);
    if (!school) throw new NotFoundError();
    this.check(actor, action, school.municipalityId);
    return school;
  }

  async create(actor: Actor, dto: NewSchoolDto, ip: string | undefined, lang: Language): Promise<string> {
    this.check(actor, 'create');
    const municipalityId = await this.choice.resolve(actor, dto.municipality, lang);
    this.check(actor, 'create', municipalityId);
    try {
      return await this.sql.transaction(async () => {
        const id = await this.schools.insert(municipalityId, dto.name, dto.symbol || null);
        await this.audit.record({
          actorId: actor.id,
          municipalityId,
          action: 'school.created',
          subjectType: 'school',
          subjectId: id,
          ip,
          details: { name: dto.name },
        });
        return id;
      });
    } catch (error) {
      if (isUniqueViolation(error, DUPLICATE_NAME)) throw FormValidationException.field('name', 'schools.errors.nameTaken', {}, 409);
      throw error;
    }
  }

  async update(actor: Actor, id: string, dto: SchoolDto, ip: string | undefined, lang: Language): Promise<void> {
    const school = await this.find(actor, id, 'update', lang);
    try {
      await this.sql.transaction(async () => {
        await this.schools.update(id, dto.name, dto.symbol || null);
        await this.audit.record({
          actorId: actor.id,
          municipalityId: school.municipalityId,
          action: 'school.updated',
          subjectType: 'school',
          subjectId: id,
          ip,
          details: { name: dto.name },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, DUPLICATE_NAME)) throw FormValidationException.field('name', 'schools.errors.nameTaken', {}, 409);
      throw error;
    }
  }

  async setActive(actor: Actor, id: string, active: boolean, ip: string | undefined, lang: Language): Promise<void> {
    const school = await this.find(actor, id, active ? 'reactivate' : 'deactivate', lang);
    if (school.active === active) return;
    await this.sql.transaction(async () => {
      await this.schools.setActive(id, active);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: school.municipalityId,
        action: active ? 'school.reactivated' : 'school.deactivated',
        subjectType: 'school',
        subjectId: id,
        ip,
      });
    });
  }
}
