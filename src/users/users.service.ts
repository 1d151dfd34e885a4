import { Injectable } from '@nestjs/common';
import { isUniqueViolation, Sql } from '../database/sql.js';
import type { Actor } from '../auth/actor.js';
import { PasswordLinks } from '../auth/password-links.js';
import { ROLES, type Role } from '../auth/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { ConflictError, ForbiddenError, FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import { translate } from '../common/i18n/i18n.js';
import { LANGUAGES, type Language } from '../common/i18n/language.js';
import { type PageRequest, pageView } from '../common/pagination.js';
import { isUuid } from '../common/params.js';
import { optionalChoiceFilter, optionalIdFilter, optionalTextFilter } from '../common/query-filters.js';
import { MunicipalityChoice } from '../municipalities/municipality-choice.js';
import { municipalityScopeOf, scopeParam } from '../municipalities/municipality-scope.js';
import { type SchoolOption, SchoolsRepository } from '../schools/schools.repository.js';
import type { EditUserDto, NewUserDto } from './dto/user.dto.js';
import { type PersonRecord, PeopleRepository } from './people.repository.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportRowError } from './user-import.service.js';
import { UsersRepository } from './users.repository.js';
import { mayActOnUsers, type UserAction, type UserTarget } from './users.policy.js';

export interface PeopleQuery {
  search?: string;
  role?: Role;
  schoolId?: string;
  municipalityId?: string;
}

/** The list's filters from the query string; a malformed one is a 400. */
export function peopleQueryOf(query: Record<string, unknown>): PeopleQuery {
  return {
    search: optionalTextFilter(query.q),
    role: optionalChoiceFilter(query.role, ROLES),
    schoolId: optionalIdFilter(query.school),
    municipalityId: optionalIdFilter(query.municipality),
  };
}

function targetOf(person: PersonRecord): UserTarget {
  return {
    id: person.id,
    municipalityId: person.municipalityId,
    roles: person.grants.map((g) => g.role),
    departmentAdminOf: person.grants.filter((g) => g.role === 'department_admin' && g.municipalityId).map((g) => g.municipalityId as string),
  };
}

/** The cities whose department this person administers. */
function departmentAdminCities(person: PersonRecord): string[] {
  return person.grants.filter((g) => g.role === 'department_admin' && g.municipalityId).map((g) => g.municipalityId as string);
}

function isDepartmentAdminOfOwnCity(person: PersonRecord): boolean {
  return person.grants.some((g) => g.role === 'department_admin' && g.municipalityId === person.municipalityId);
}

/** The person's own school stays selectable after it was deactivated, so saving the form keeps it. */
function withCurrentSchool(options: SchoolOption[], person: PersonRecord, lang: Language): SchoolOption[] {
  if (!person.schoolId || options.some((o) => o.id === person.schoolId)) return options;
  return [...options, { id: person.schoolId, name: translate(lang, 'users.form.inactiveSchool', { name: person.schoolName ?? '' }) }];
}

const languageOptions = () => LANGUAGES.map((code) => ({ value: code, labelKey: `languages.${code}` }));

@Injectable()
export class UsersService {
  constructor(
    private readonly sql: Sql,
    private readonly people: PeopleRepository,
    private readonly schools: SchoolsRepository,
    private readonly choice: MunicipalityChoice,
    private readonly audit: AuditService,
    private readonly sessions: UsersRepository,
    private readonly passwordLinks: PasswordLinks,
  ) {}

  private scope(actor: Actor): string[] | null {
    return scopeParam(municipalityScopeOf(actor));
  }

  /** Refused outright when the person manages nobody (403); record-level refusals are 404s or 403s below. */
  assertManagesPeople(actor: Actor, action: UserAction = 'list'): void {
    if (!mayActOnUsers(actor, action)) throw new ForbiddenError();
  }

  async listPage(actor: Actor, lang: Language, page: PageRequest, query: PeopleQuery) {
    this.assertManagesPeople(actor);
    const [{ items, total }, choices] = await Promise.all([
      this.people.listInScope({ scope: this.scope(actor), ...query }, page, lang),
      this.choices(actor, lang, query.municipalityId),
    ]);
    const filters = { q: query.search, role: query.role, school: query.schoolId, municipality: query.municipalityId };
    return {
      ...choices,
      filters: { ...filters, q: query.search ?? '' },
      roleOptions: ROLES.map((role) => ({ value: role, labelKey: `roles.${role}` })),
      page: pageView(items, total, page, '/users', filters),
      isEmpty: total === 0,
      isFiltered: Object.values(query).some((v) => v !== undefined),
    };
  }

  /** The new-person form; a city given in the address is picked already. */
  async newForm(actor: Actor, lang: Language, municipalityId?: string) {
    // The invitation goes at once unless the admin unticks it.
    return { ...(await this.newFormModel(actor, lang, municipalityId)), values: { municipality: municipalityId, sendInvite: 'yes' } };
  }

  /** `picked`: the city sent with the form, used only when it is an id. */
  async newFormModel(actor: Actor, lang: Language, picked?: unknown) {
    const choices = await this.choices(actor, lang, isUuid(picked) ? picked : undefined);
    return {
      isNew: true,
      action: '/users',
      cancelHref: '/users',
      ...choices,
      // Without scripts a school list cannot follow the city select, so the city is chosen first.
      mustChooseMunicipalityFirst: choices.choosesMunicipality && !choices.preselectedMunicipality,
      languageOptions: languageOptions(),
      offersDepartmentAdmin: true,
    };
  }

  async importForm(actor: Actor, lang: Language) {
    this.assertManagesPeople(actor, 'import');
    return { ...(await this.choices(actor, lang)), maxMegabytes: IMPORT_MAX_BYTES / (1024 * 1024), maxRows: IMPORT_MAX_ROWS, values: { sendInvite: 'yes' } };
  }

  /** The import form again, with what was wrong with the file or with each row. */
  async importRefusedPage(
    actor: Actor,
    lang: Language,
    municipality: string | undefined,
    outcome: { fileErrorKey?: string; rowErrors: ImportRowError[] },
    sendInvite?: string,
  ) {
    return {
      ...(await this.importForm(actor, lang)),
      values: { municipality, sendInvite },
      fileError: outcome.fileErrorKey,
      rowErrors: outcome.rowErrors,
      hasRowErrors: outcome.rowErrors.length > 0,
    };
  }

  async showPage(actor: Actor, id: string, lang: Language) {
    const person = await this.find(actor, id, 'view', lang);
    return {
      person,
      isSelf: person.id === actor.id,
      grants: person.grants.map((g) => ({ ...g, roleKey: `roles.${g.role}` })),
      hasGrants: person.grants.length > 0,
      mayDeactivate: mayActOnUsers(actor, 'deactivate', targetOf(person)),
    };
  }

  async editForm(actor: Actor, id: string, lang: Language) {
    const { model, person } = await this.editFormFor(actor, id, lang);
    return {
      ...model,
      values: {
        displayName: person.displayName,
        school: person.schoolId,
        preferredLanguage: person.preferredLanguage,
        departmentAdmin: isDepartmentAdminOfOwnCity(person) ? 'yes' : undefined,
      },
    };
  }

  async editFormModel(actor: Actor, id: string, lang: Language) {
    return (await this.editFormFor(actor, id, lang)).model;
  }

  private async editFormFor(actor: Actor, id: string, lang: Language) {
    const person = await this.find(actor, id, 'update', lang);
    const choices = await this.choices(actor, lang, person.municipalityId ?? undefined);
    const mayChangeAdmin = this.mayChangeDepartmentAdmin(actor, person);
    return {
      person,
      model: {
        person,
        action: `/users/${id}/edit`,
        cancelHref: `/users/${id}`,
        // A person's city's schools, whoever edits them.
        schoolOptions: person.municipalityId ? withCurrentSchool(choices.schoolOptions, person, lang) : [],
        hasCity: person.municipalityId !== null,
        languageOptions: languageOptions(),
        offersDepartmentAdmin: person.municipalityId !== null && mayChangeAdmin,
        // Their own last admin role: shown, kept, not removable.
        departmentAdminLocked: person.id === actor.id && isDepartmentAdminOfOwnCity(person) && !mayChangeAdmin,
      },
    };
  }

  async deactivatePage(actor: Actor, id: string, lang: Language) {
    return { person: await this.find(actor, id, 'deactivate', lang) };
  }

  /** What the list's filters and the forms offer: municipalities in reach and, once one is known, its schools. */
  private async choices(actor: Actor, lang: Language, municipalityId?: string) {
    this.assertManagesPeople(actor);
    const municipalities = await this.choice.formModel(actor, lang, municipalityId);
    const cityForSchools = municipalities.preselectedMunicipality ?? municipalities.impliedMunicipality?.id;
    return { ...municipalities, schoolOptions: cityForSchools ? await this.schools.listActiveOptions(cityForSchools) : [] };
  }

  /** A person this actor may act on, or a 404: someone of another city (or a network admin, for a department admin) does not exist for them. */
  private async find(actor: Actor, id: string, action: UserAction, lang: Language): Promise<PersonRecord> {
    this.assertManagesPeople(actor);
    const person = await this.people.findInScope(id, this.scope(actor), lang);
    if (!person) throw new NotFoundError();
    // Within reach, the one refusal left is acting on oneself (deactivating, say).
    if (!mayActOnUsers(actor, action, targetOf(person))) throw new ForbiddenError(person.id === actor.id ? 'users.errors.notOnYourself' : undefined);
    return person;
  }

  /** Whether this actor may tick or untick the department-admin box of this person. */
  private mayChangeDepartmentAdmin(actor: Actor, person: PersonRecord): boolean {
    const target = targetOf(person);
    return (
      person.municipalityId !== null &&
      (isDepartmentAdminOfOwnCity(person) ? mayActOnUsers(actor, 'revokeDepartmentAdmin', target) : mayActOnUsers(actor, 'grantDepartmentAdmin', target))
    );
  }

  async create(actor: Actor, dto: NewUserDto, ip: string | undefined, lang: Language): Promise<string> {
    this.assertManagesPeople(actor, 'create');
    const municipalityId = await this.choice.resolve(actor, dto.municipality, lang);
    if (!mayActOnUsers(actor, 'create', undefined, municipalityId)) throw FormValidationException.field('municipality', 'validation.choice');
    await this.checkSchool(dto.school, municipalityId);
    try {
      return await this.sql.transaction(async () => {
        const id = await this.people.insert({
          email: dto.email,
          displayName: dto.displayName,
          municipalityId,
          schoolId: dto.school ?? null,
          preferredLanguage: (dto.preferredLanguage as Language) ?? null,
        });
        await this.audit.record({
          actorId: actor.id,
          municipalityId,
          action: 'user.created',
          subjectType: 'user',
          subjectId: id,
          ip,
          details: { email: dto.email },
        });
        if (dto.departmentAdmin === 'yes') await this.grant(actor, id, municipalityId, ip);
        return id;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'app_user_email_key')) throw FormValidationException.field('email', 'users.errors.emailTaken', {}, 409);
      throw error;
    }
  }

  async update(actor: Actor, id: string, dto: EditUserDto, ip: string | undefined, lang: Language): Promise<void> {
    const person = await this.find(actor, id, 'update', lang);
    // Keeping a school that has since been deactivated is fine; choosing one is not.
    if (dto.school !== person.schoolId) {
      if (person.municipalityId) await this.checkSchool(dto.school, person.municipalityId);
      else if (dto.school) throw FormValidationException.field('school', 'validation.choice');
    }
    const wantsAdmin = dto.departmentAdmin === 'yes';
    const isAdmin = isDepartmentAdminOfOwnCity(person);
    if (wantsAdmin !== isAdmin) {
      const action = wantsAdmin ? 'grantDepartmentAdmin' : 'revokeDepartmentAdmin';
      if (!mayActOnUsers(actor, action, targetOf(person))) {
        throw FormValidationException.field('departmentAdmin', person.id === actor.id ? 'users.errors.ownLastAdminRole' : 'users.errors.roleNotAllowed');
      }
    }
    await this.sql.transaction(async () => {
      if (person.municipalityId && !wantsAdmin && isAdmin) await this.keepCitiesAdministered(actor, person, [person.municipalityId], 'form');
      await this.people.updateProfile(id, {
        displayName: dto.displayName,
        schoolId: dto.school ?? null,
        preferredLanguage: (dto.preferredLanguage as Language) ?? null,
      });
      await this.audit.record({
        actorId: actor.id,
        municipalityId: person.municipalityId,
        action: 'user.updated',
        subjectType: 'user',
        subjectId: id,
        ip,
        details: { fields: ['displayName', 'school', 'preferredLanguage'] },
      });
      if (person.municipalityId && wantsAdmin && !isAdmin) await this.grant(actor, id, person.municipalityId, ip);
      if (person.municipalityId && !wantsAdmin && isAdmin && (await this.people.revokeDepartmentAdmin(id, person.municipalityId))) {
        await this.audit.record({
          actorId: actor.id,
          municipalityId: person.municipalityId,
          action: 'role.revoked',
          subjectType: 'user',
          subjectId: id,
          ip,
          details: { role: 'department_admin' },
        });
      }
    });
  }

  /**
   * Deactivating signs the person out everywhere at once: their rows in the shared session store
   * are deleted in the same transaction, so no app instance can serve them another page.
   */
  async setActive(actor: Actor, id: string, active: boolean, ip: string | undefined, lang: Language): Promise<void> {
    const person = await this.find(actor, id, active ? 'reactivate' : 'deactivate', lang);
    if (person.active === active) return;
    await this.sql.transaction(async () => {
      if (!active) await this.keepCitiesAdministered(actor, person, departmentAdminCities(person), 'page');
      await this.people.setActive(id, active);
      const sessionsEnded = active ? 0 : await this.sessions.endSessions(id, null);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: person.municipalityId,
        action: active ? 'user.reactivated' : 'user.deactivated',
        subjectType: 'user',
        subjectId: id,
        ip,
        details: active ? {} : { sessionsEnded },
      });
    });
  }

  /** E-mails the person a link to choose their password (new people have none). */
  /**
   * Invitations to people just created or imported by this person (who therefore manages them),
   * sent once the response has gone, as a password reset link is: each composed and mailed in the
   * background, its link issued and audited as the invite button's.
   */
  inviteInBackground(actor: Actor, userIds: string[], ip: string | undefined): void {
    this.passwordLinks.inviteInBackground(actor.id, userIds, ip);
  }

  async sendInvite(actor: Actor, id: string, ip: string | undefined, lang: Language): Promise<void> {
    const person = await this.find(actor, id, 'update', lang);
    if (!person.active) throw new ForbiddenError('users.errors.inviteInactive');
    await this.passwordLinks.sendInvite(actor.id, person.id, ip);
  }

  /**
   * Before a person stops being a department admin (their role revoked, or their account
   * deactivated), inside that change's transaction: locks their cities, then refuses when one
   * would be left without an active department admin — so of two admins removing each other at
   * the same moment, the second finds the first already gone — or when the one acting has
   * meanwhile stopped administering it themselves. Refused on the form's field, or as a page.
   */
  private async keepCitiesAdministered(actor: Actor, person: PersonRecord, municipalityIds: string[], refuseOn: 'form' | 'page'): Promise<void> {
    if (municipalityIds.length === 0) return;
    await this.people.lockMunicipalities(municipalityIds);
    const standing = await this.people.findAdminStanding(municipalityIds, person.id, actor.id);
    const orphaned = standing.find((s) => s.leftWithoutAdmin);
    if (orphaned) {
      const city = person.grants.find((g) => g.municipalityId === orphaned.municipalityId)?.municipalityName ?? person.municipalityName ?? '';
      if (refuseOn === 'form') throw FormValidationException.field('departmentAdmin', 'users.errors.lastCityAdmin', { city }, 409);
      throw new ConflictError('users.errors.lastCityAdmin', { city });
    }
    if (standing.some((s) => !s.actorAdministers)) throw new ForbiddenError('users.errors.noLongerAdmin');
  }

  private async checkSchool(schoolId: string | undefined, municipalityId: string): Promise<void> {
    if (schoolId && !(await this.people.isActiveSchoolOf(schoolId, municipalityId))) throw FormValidationException.field('school', 'validation.choice');
  }

  private async grant(actor: Actor, userId: string, municipalityId: string, ip: string | undefined): Promise<void> {
    if (await this.people.grantDepartmentAdmin(userId, municipalityId, actor.id)) {
      await this.audit.record({
        actorId: actor.id,
        municipalityId,
        action: 'role.granted',
        subjectType: 'user',
        subjectId: userId,
        ip,
        details: { role: 'department_admin' },
      });
    }
  }
}
