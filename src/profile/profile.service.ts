import { HttpStatus, Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import { roleNames, type Actor, type SignedInActor } from '../auth/actor.js';
import { newPasswordErrors } from '../auth/password-rules.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { SessionsRepository, type SessionListRow } from '../auth/sessions.repository.js';
import { SignInThrottle } from '../auth/sign-in-throttle.js';
import { AuditService } from '../audit/audit.service.js';
import { type FieldError, FormValidationException } from '../common/errors/app-exceptions.js';
import { isLanguage, translate } from '../common/i18n/i18n.js';
import { addressForPeople } from '../common/ip-address.js';
import { type Language, LANGUAGES } from '../common/i18n/language.js';
import { UsersRepository } from '../users/users.repository.js';
import type { ChangePasswordDto } from './dto/change-password.dto.js';
import { AUTOMATIC_LANGUAGE, type UpdateProfileDto } from './dto/update-profile.dto.js';
import { deviceName } from './device-name.js';

/**
 * Wrong current passwords are counted per person, so a borrowed, still signed-in browser cannot be
 * used to guess the password; the count lives in PostgreSQL like the sign-in one.
 */
const CURRENT_PASSWORD_LIMIT = { failures: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };

function currentPasswordKey(userId: string): string {
  return `password-change:user:${userId}`;
}

/** A session's browser and system in the reader's words. */
function deviceLabel(userAgent: string | null, lang: Language): string {
  const { browser, system } = deviceName(userAgent);
  if (browser && system) return translate(lang, 'profile.sessions.browserOn', { browser, system });
  if (browser) return browser;
  if (system) return translate(lang, 'profile.sessions.unknownBrowserOn', { system });
  return translate(lang, 'profile.sessions.unknownBrowser');
}

function sessionView(row: SessionListRow, lang: Language) {
  return {
    device: deviceLabel(row.userAgent, lang),
    address: addressForPeople(row.ip),
    signedInAt: row.signedInAt,
    lastSeenAt: row.lastSeenAt,
    current: row.current,
  };
}

export interface ProfileView {
  displayName: string;
  email: string;
  roles: string[];
  preferredLanguage: string;
}

@Injectable()
export class ProfileService {
  constructor(
    private readonly sql: Sql,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
  ) {}

  /** Everyone may see and edit only their own profile: the actor is the record. */
  private profileOf(actor: Actor): ProfileView {
    return {
      displayName: actor.displayName,
      email: actor.email,
      roles: roleNames(actor),
      preferredLanguage: actor.preferredLanguage ?? AUTOMATIC_LANGUAGE,
    };
  }

  /** The page with its forms and the person's sessions; also what an invalid form is shown again with. */
  async page(actor: SignedInActor, sessionId: string, lang: Language) {
    const profile = this.profileOf(actor);
    const sessions = (await this.sessions.listActiveOf(actor.id, sessionId)).map((row) => sessionView(row, lang));
    return {
      profile,
      languageOptions: LANGUAGES.map((code) => ({ code })),
      values: { displayName: profile.displayName, preferredLanguage: profile.preferredLanguage },
      sessions,
      otherSessionCount: sessions.filter((s) => !s.current).length,
      twoFactorEnabled: actor.twoFactorEnabled,
    };
  }

  /** What "sign out of the others" will end, asked before it does. */
  async endOtherSessionsPage(actor: Actor, sessionId: string, lang: Language) {
    const others = (await this.sessions.listActiveOf(actor.id, sessionId)).filter((row) => !row.current).map((row) => sessionView(row, lang));
    return { others, hasOthers: others.length > 0 };
  }

  /** Signs the person out of every browser but this one. */
  async endOtherSessions(actor: Actor, sessionId: string, ip: string): Promise<number> {
    return this.sql.transaction(async () => {
      const endedSessions = await this.users.endSessions(actor.id, sessionId);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: actor.municipalityId,
        action: 'sessions.ended_others',
        subjectType: 'user',
        subjectId: actor.id,
        ip,
        details: { endedSessions },
      });
      return endedSessions;
    });
  }

  async update(actor: Actor, form: UpdateProfileDto, ip: string): Promise<void> {
    const language = isLanguage(form.preferredLanguage) ? form.preferredLanguage : null;
    const changed = [
      ...(form.displayName !== actor.displayName ? ['displayName'] : []),
      ...(language !== actor.preferredLanguage ? ['preferredLanguage'] : []),
    ];
    await this.sql.transaction(async () => {
      await this.users.updateProfile(actor.id, form.displayName, language);
      if (changed.length) {
        await this.audit.record({
          actorId: actor.id,
          municipalityId: actor.municipalityId,
          action: 'profile.updated',
          subjectType: 'user',
          subjectId: actor.id,
          ip,
          details: { fields: changed },
        });
      }
    });
  }

  /**
   * Checks the current password, the new one's rules and its confirmation together, so every
   * problem is shown at once; on success every other session of the person ends.
   */
  async changePassword(actor: Actor, form: ChangePasswordDto, sessionId: string, ip: string): Promise<void> {
    const throttleKey = currentPasswordKey(actor.id);
    const [blocked, currentHash] = await Promise.all([this.throttle.isBlocked([throttleKey]), this.users.findPasswordHash(actor.id)]);
    if (blocked) throw FormValidationException.field('currentPassword', 'profile.password.throttled', {}, HttpStatus.TOO_MANY_REQUESTS);
    const errors: Record<string, FieldError> = {};
    const currentValid = await verifyPassword(currentHash, form.currentPassword);
    if (!currentValid) {
      errors.currentPassword = { key: 'profile.password.currentWrong' };
      await this.throttle.recordFailure(throttleKey, CURRENT_PASSWORD_LIMIT);
    }
    Object.assign(errors, newPasswordErrors(form.newPassword, form.confirmPassword, actor.email));
    if (Object.keys(errors).length) throw new FormValidationException(errors);

    const hash = await hashPassword(form.newPassword);
    await this.sql.transaction(async () => {
      await this.users.updatePasswordHash(actor.id, hash);
      const endedSessions = await this.users.endSessions(actor.id, sessionId);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: actor.municipalityId,
        action: 'password.changed',
        subjectType: 'user',
        subjectId: actor.id,
        ip,
        details: { endedSessions },
      });
    });
    await this.throttle.clear(throttleKey);
  }
}
