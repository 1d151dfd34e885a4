import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import type { Actor } from '../auth/actor.js';
import type { Role } from '../auth/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { PasswordLinks } from '../auth/password-links.js';
import { ForbiddenError, FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import type { PageRequest } from '../common/pagination.js';
import { isUniqueViolation } from '../municipalities/municipalities.service.js';
import { MunicipalityChoice } from '../municipalities/municipality-choice.js';
import { municipalityScopeOf, scopeParam } from '../municipalities/municipality-scope.js';
import { SchoolsRepository } from '../schools/schools.repository.js';
import type { EditUserDto, NewUserDto } from './dto/user.dto.js';
import { type PersonRecord, PeopleRepository } from './people.repository.js';
import type { Language } from '../common/i18n/language.js';
import { UsersRepository } from './users.repository.js';
import { mayActOnUsers, type UserAction, type UserTarget } from './users.policy.js';

export interface PeopleQuery {
  search?: string;
  role?: Role;
  schoolId?: string;
  municipalityId?: string;
}

function targetOf(person: PersonRecord): UserTarget {
  return {
    id: person.id,
    municipalityId: person.municipalityId,
    roles: person.grants.map((g) => g.role),
    departmentAdminOf: person.grants.filter((g) => g.role === 'department_admin' && g.municipalityId).map((g) => g.municipalityId as string),
  };
}

export function isDepartmentAdminOfOwnCity(person: PersonRecord): boolean {
  return person.grants.some((g) => g.role === 'department_admin' && g.municipalityId === person.municipalityId);
}

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

  async list(actor: Actor, query: PeopleQuery, page: PageRequest, lang: Language) {
    this.assertManagesPeople(actor);
    return this.people.listInScope({ scope: this.scope(actor), ...query }, page, lang);
  }

  /** What the list's filters and the forms offer: municipalities in reach and, once one is known, its schools. */
  async choices(actor: Actor, lang: Language, municipalityId?: string) {
    this.assertManagesPeople(actor);
    const municipalities = await this.choice.formModel(actor, lang, municipalityId);
    const cityForSchools = municipalities.preselectedMunicipality ?? municipalities.impliedMunicipality?.id;
    return { ...municipalities, schoolOptions: cityForSchools ? await this.schools.listActiveOptions(cityForSchools) : [] };
  }

  /** A person this actor may act on, or a 404: someone of another city (or a network admin, for a department admin) does not exist for them. */
  async find(actor: Actor, id: string, action: UserAction, lang: Language): Promise<PersonRecord> {
    this.assertManagesPeople(actor);
    const person = await this.people.findInScope(id, this.scope(actor), lang);
    if (!person) throw new NotFoundError();
    // Within reach, the one refusal left is acting on oneself (deactivating, say).
    if (!mayActOnUsers(actor, action, targetOf(person))) throw new ForbiddenError(person.id === actor.id ? 'users.errors.notOnYourself' : undefined);
    return person;
  }

  /** Whether this actor may tick or untick the department-admin box of this person. */
  mayChangeDepartmentAdmin(actor: Actor, person: PersonRecord): boolean {
    const target = targetOf(person);
    return (
      person.municipalityId !== null &&
      (isDepartmentAdminOfOwnCity(person) ? mayActOnUsers(actor, 'revokeDepartmentAdmin', target) : mayActOnUsers(actor, 'grantDepartmentAdmin', target))
    );
  }

  mayDeactivate(actor: Actor, person: PersonRecord): boolean {
    return mayActOnUsers(actor, 'deactivate', targetOf(person));
  }

  async create(actor: Actor, dto: NewUserDto, ip: string | undefined, lang: Language): Promise<string> {
    this.assertManagesPeople(actor, 'create');
    const municipalityId = await this.choice.resolve(actor, dto.municipality, lang);
    if (!mayActOnUsers(actor, 'create', undefined, municipalityId)) throw FormValidationException.field('municipality', 'validation.choice');
    await this.checkSchool(dto.school, municipalityId);
    try {
      return await this.sql.transaction(async (m) => {
        const id = await this.people.insert(m, {
          email: dto.email,
          displayName: dto.displayName,
          municipalityId,
          schoolId: dto.school ?? null,
          preferredLanguage: (dto.preferredLanguage as Language) ?? null,
        });
        await this.audit.record(
          { actorId: actor.id, municipalityId, action: 'user.created', subjectType: 'user', subjectId: id, ip, details: { email: dto.email } },
          m,
        );
        if (dto.departmentAdmin === 'yes') await this.grant(m, actor, id, municipalityId, ip);
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
    await this.sql.transaction(async (m) => {
      await this.people.updateProfile(m, id, {
        displayName: dto.displayName,
        schoolId: dto.school ?? null,
        preferredLanguage: (dto.preferredLanguage as Language) ?? null,
      });
      await this.audit.record(
        {
          actorId: actor.id,
          municipalityId: person.municipalityId,
          action: 'user.updated',
          subjectType: 'user',
          subjectId: id,
          ip,
          details: { fields: ['displayName', 'school', 'preferredLanguage'] },
        },
        m,
      );
      if (person.municipalityId && wantsAdmin && !isAdmin) await this.grant(m, actor, id, person.municipalityId, ip);
      if (person.municipalityId && !wantsAdmin && isAdmin) {
        if (await this.people.revokeDepartmentAdmin(m, id, person.municipalityId)) {
          await this.audit.record(
            {
              actorId: actor.id,
              municipalityId: person.municipalityId,
              action: 'role.revoked',
              subjectType: 'user',
              subjectId: id,
              ip,
              details: { role: 'department_admin' },
            },
            m,
          );
        }
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
    await this.sql.transaction(async (m) => {
      await this.people.setActive(m, id, active);
      const sessionsEnded = active ? 0 : await this.sessions.endSessions(id, null);
      await this.audit.record(
        {
          actorId: actor.id,
          municipalityId: person.municipalityId,
          action: active ? 'user.reactivated' : 'user.deactivated',
          subjectType: 'user',
          subjectId: id,
          ip,
          details: active ? {} : { sessionsEnded },
        },
        m,
      );
    });
  }

  /** E-mails the person a link to choose their password (new people have none). */
  async sendInvite(actor: Actor, id: string, ip: string | undefined, lang: Language): Promise<void> {
    const person = await this.find(actor, id, 'update', lang);
    if (!person.active) throw new ForbiddenError('users.errors.inviteInactive');
    await this.passwordLinks.sendInvite(actor.id, person.id, ip);
  }

  private async checkSchool(schoolId: string | undefined, municipalityId: string): Promise<void> {
    if (schoolId && !(await this.people.isActiveSchoolOf(schoolId, municipalityId))) throw FormValidationException.field('school', 'validation.choice');
  }

  private async grant(m: Sql, actor: Actor, userId: string, municipalityId: string, ip: string | undefined): Promise<void> {
    if (await this.people.grantDepartmentAdmin(m, userId, municipalityId, actor.id)) {
      await this.audit.record(
        { actorId: actor.id, municipalityId, action: 'role.granted', subjectType: 'user', subjectId: userId, ip, details: { role: 'department_admin' } },
        m,
      );
    }
  }
}
