import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ForbiddenError, FormValidationException, NotFoundError, RedirectException } from '../common/errors/app-exceptions.js';
import { translate } from '../common/i18n/i18n.js';
import type { Language } from '../common/i18n/language.js';
import { formatDateTime } from '../common/views/view-engine.js';
import { DEFAULT_TIME_ZONE } from '../common/web/language.middleware.js';
import { Sql } from '../database/sql.js';
import { municipalityScopeOf, scopeParam } from '../municipalities/municipality-scope.js';
import { UsersRepository } from '../users/users.repository.js';
import type { SignedInActor } from './actor.js';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, addressKey, SignInThrottle } from './sign-in-throttle.js';
import { acceptedTotpStep, enrolmentQrCode, groupedSecret, newRecoveryCodes, newTotpSecret, recoveryCodeHash } from './totp.js';
import { ENROLMENT_PAGE } from './two-factor.guard.js';
import { mayResetTwoFactor } from './two-factor.policy.js';
import { TwoFactorRepository } from './two-factor.repository.js';

/** Warn at sign-in with a recovery code when this few are left. */
const FEW_RECOVERY_CODES = 3;

/** Code attempts are counted per person like password attempts, and per address with them. */
function codeKey(userId: string): string {
  return `two-factor:user:${userId}`;
}

/** Too many wrong codes: the form says until when, in the person's language and city time zone. */
export class TwoFactorPaused extends FormValidationException {
  constructor(
    readonly until: Date,
    time: string,
  ) {
    super({ code: { key: 'auth.twoFactor.paused', vars: { time } } }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

type CodePurpose = 'sign_in' | 'recovery_sign_in' | 'enrolment' | 'recovery_codes' | 'disable';

@Injectable()
export class TwoFactorService {
  constructor(
    private readonly sql: Sql,
    private readonly twoFactor: TwoFactorRepository,
    private readonly users: UsersRepository,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
  ) {}

  async statusPage(actor: SignedInActor) {
    const record = await this.twoFactor.find(actor.id);
    const enabled = Boolean(record?.confirmedAt);
    return {
      enabled,
      required: actor.twoFactorRequired,
      mustEnrol: actor.twoFactorRequired && !enabled,
      enabledAt: record?.confirmedAt ?? null,
      recoveryCodesLeft: record?.recoveryCodesLeft ?? 0,
      mayDisable: enabled && !actor.twoFactorRequired,
    };
  }

  /** A new secret to enrol with; one already confirmed is kept (turn it off first). */
  async beginEnrolment(actor: SignedInActor): Promise<void> {
    if (actor.twoFactorEnabled) throw new RedirectException(ENROLMENT_PAGE);
    await this.twoFactor.beginEnrolment(actor.id, newTotpSecret());
  }

  /** The QR code and the secret to type, while enrolment waits for its first code. */
  async setupPage(actor: SignedInActor, lang: Language) {
    const record = await this.twoFactor.find(actor.id);
    if (!record || record.confirmedAt) throw new RedirectException(ENROLMENT_PAGE);
    return {
      qrCode: await enrolmentQrCode(record.secret, actor.email, translate(lang, 'app.name')),
      secret: groupedSecret(record.secret),
      account: actor.email,
      mustEnrol: actor.twoFactorRequired,
    };
  }

  /** The first right code confirms the secret; ten recovery codes are made, to be shown once. */
  async confirmEnrolment(actor: SignedInActor, code: string, ip: string, lang: Language): Promise<string[]> {
    const record = await this.twoFactor.find(actor.id);
    if (!record || record.confirmedAt) throw new RedirectException(ENROLMENT_PAGE);
    const step = await this.checkTotp(actor, record.secret, record.lastUsedStep, code, ip, lang, 'enrolment');
    const codes = newRecoveryCodes();
    const confirmed = await this.sql.transaction(async () => {
      if (!(await this.twoFactor.confirm(actor.id, record.secret, step))) return false;
      await this.twoFactor.replaceRecoveryCodes(actor.id, codes.map(recoveryCodeHash));
      await this.audit.record({
        actorId: actor.id,
        municipalityId: actor.municipalityId,
        action: 'two_factor.enabled',
        subjectType: 'user',
        subjectId: actor.id,
        ip,
      });
      return true;
    });
    if (!confirmed) throw new RedirectException(ENROLMENT_PAGE);
    return codes;
  }

  /** New recovery codes in place of the old ones, for a person who proves they hold the app. */
  async replaceRecoveryCodes(actor: SignedInActor, code: string, ip: string, lang: Language): Promise<string[]> {
    await this.checkConfirmedCode(actor, code, ip, lang, 'recovery_codes');
    const codes = newRecoveryCodes();
    await this.sql.transaction(async () => {
      await this.twoFactor.replaceRecoveryCodes(actor.id, codes.map(recoveryCodeHash));
      await this.audit.record({
        actorId: actor.id,
        municipalityId: actor.municipalityId,
        action: 'two_factor.recovery_codes_replaced',
        subjectType: 'user',
        subjectId: actor.id,
        ip,
      });
    });
    return codes;
  }

  disablePage(actor: SignedInActor) {
    if (!actor.twoFactorEnabled) throw new RedirectException(ENROLMENT_PAGE);
    if (actor.twoFactorRequired) throw new ForbiddenError('auth.twoFactor.disable.required');
    return {};
  }

  /** Turns two-factor sign-in off, where nobody requires it, for a person who proves they hold the app. */
  async disable(actor: SignedInActor, code: string, ip: string, lang: Language): Promise<void> {
    this.disablePage(actor);
    await this.checkConfirmedCode(actor, code, ip, lang, 'disable');
    await this.sql.transaction(async () => {
      await this.twoFactor.remove(actor.id);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: actor.municipalityId,
        action: 'two_factor.disabled',
        subjectType: 'user',
        subjectId: actor.id,
        ip,
      });
    });
  }

  /** The second step of sign-in: the person whose password was right, if the code is. */
  async verifySignInCode(userId: string, code: string, ip: string, lang: Language): Promise<SignedInActor> {
    const actor = await this.pendingActor(userId);
    await this.checkConfirmedCode(actor, code, ip, lang, 'sign_in');
    return actor;
  }

  /** The second step with a recovery code instead, which is used up; says how many are left. */
  async verifyRecoveryCode(userId: string, code: string, ip: string, lang: Language): Promise<{ actor: SignedInActor; codesLeft: number; fewLeft: boolean }> {
    const actor = await this.pendingActor(userId);
    await this.refuseIfPaused(actor, ip, lang);
    const used = await this.sql.transaction(async () => {
      if (!(await this.twoFactor.useRecoveryCode(actor.id, recoveryCodeHash(code.slice(0, 64))))) return false;
      await this.audit.record({
        actorId: actor.id,
        municipalityId: actor.municipalityId,
        action: 'two_factor.recovery_code_used',
        subjectType: 'user',
        subjectId: actor.id,
        ip,
      });
      return true;
    });
    if (!used) await this.refuse(actor, ip, 'recovery_sign_in', 'auth.twoFactor.wrongRecoveryCode', HttpStatus.UNAUTHORIZED);
    const codesLeft = (await this.twoFactor.find(actor.id))?.recoveryCodesLeft ?? 0;
    await this.throttle.clear(codeKey(actor.id));
    return { actor, codesLeft, fewLeft: codesLeft <= FEW_RECOVERY_CODES };
  }

  async resetPage(actor: SignedInActor, personId: string) {
    return { person: await this.personToReset(actor, personId) };
  }

  /**
   * Another administrator turns a person's two-factor sign-in off (a lost phone, lost codes): the
   * person signs in with their password, and enrols again where their city requires it.
   */
  async reset(actor: SignedInActor, personId: string, ip: string): Promise<void> {
    const person = await this.personToReset(actor, personId);
    if (!person.twoFactorEnabled) return;
    await this.sql.transaction(async () => {
      await this.twoFactor.remove(person.id);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: person.municipalityId,
        action: 'two_factor.reset',
        subjectType: 'user',
        subjectId: person.id,
        ip,
      });
    });
    await this.throttle.clear(codeKey(person.id));
  }

  private async personToReset(actor: SignedInActor, personId: string) {
    const person = await this.twoFactor.findPersonInScope(personId, scopeParam(municipalityScopeOf(actor)));
    if (!person) throw new NotFoundError();
    if (!mayResetTwoFactor(actor, person)) throw new ForbiddenError('auth.twoFactor.reset.notYourself');
    return person;
  }

  private async pendingActor(userId: string): Promise<SignedInActor> {
    const actor = await this.users.findActiveActor(userId);
    // Deactivated, or turned off by an administrator, since the password step: start again.
    if (!actor || !actor.twoFactorEnabled) throw new RedirectException('/login');
    return actor;
  }

  private async checkConfirmedCode(actor: SignedInActor, code: string, ip: string, lang: Language, purpose: CodePurpose): Promise<void> {
    const record = await this.twoFactor.find(actor.id);
    if (!record?.confirmedAt) throw new RedirectException(ENROLMENT_PAGE);
    const step = await this.checkTotp(actor, record.secret, record.lastUsedStep, code, ip, lang, purpose);
    if (!(await this.twoFactor.useStep(actor.id, step))) await this.refuse(actor, ip, purpose, 'auth.twoFactor.wrongCode', this.statusOfWrong(purpose));
    await this.throttle.clear(codeKey(actor.id));
  }

  /** The time step of a right code, or the form again with the problem (wrong, or too many tries). */
  private async checkTotp(
    actor: SignedInActor,
    secret: string,
    lastUsedStep: number | null,
    code: string,
    ip: string,
    lang: Language,
    purpose: CodePurpose,
  ): Promise<number> {
    await this.refuseIfPaused(actor, ip, lang);
    const step = await acceptedTotpStep(secret, code, lastUsedStep);
    if (step === undefined) return this.refuse(actor, ip, purpose, 'auth.twoFactor.wrongCode', this.statusOfWrong(purpose));
    return step;
  }

  private statusOfWrong(purpose: CodePurpose): number {
    return purpose === 'sign_in' ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST;
  }

  private async refuseIfPaused(actor: SignedInActor, ip: string, lang: Language): Promise<void> {
    const pauses = await this.throttle.pauses([codeKey(actor.id), addressKey(ip)]);
    if (!pauses.size) return;
    const until = new Date(Math.max(...[...pauses.values()].map((d) => d.getTime())));
    throw new TwoFactorPaused(until, formatDateTime(until, lang, actor.municipalityTimeZone ?? DEFAULT_TIME_ZONE, 'time'));
  }

  /** Counts a wrong code as a failed sign-in, audits it, and says so on the code's field. */
  private async refuse(actor: SignedInActor, ip: string, purpose: CodePurpose, messageKey: string, status: number): Promise<never> {
    await Promise.all([
      this.throttle.recordFailure(codeKey(actor.id), ACCOUNT_LIMIT),
      this.throttle.recordFailureOf(addressKey(ip), codeKey(actor.id), ADDRESS_LIMIT),
      this.audit.record({
        actorId: actor.id,
        municipalityId: actor.municipalityId,
        action: 'two_factor.code_refused',
        subjectType: 'user',
        subjectId: actor.id,
        ip,
        details: { purpose },
      }),
    ]);
    throw FormValidationException.field('code', messageKey, {}, status);
  }
}
