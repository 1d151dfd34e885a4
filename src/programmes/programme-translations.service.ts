import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { type FieldError, FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import { isLanguage } from '../common/i18n/i18n.js';
import type { Language } from '../common/i18n/language.js';
import { Sql } from '../database/sql.js';
import { languageStatuses, TEXT_KINDS, type TextKind } from './localized-text.js';
import { ProgrammesRepository, type TextFields, textFieldName } from './programmes.repository.js';
import { ProgrammesService } from './programmes.service.js';

/** How long each text may be, and whether it is typed on one line: the limits of the original's columns. */
const FIELD_SHAPES: Record<string, { maxLength: number; rows: number }> = {
  title: { maxLength: 200, rows: 0 },
  description: { maxLength: 5000, rows: 4 },
  summary: { maxLength: 1000, rows: 3 },
  bodyMd: { maxLength: 100000, rows: 14 },
  learningObjectives: { maxLength: 5000, rows: 4 },
  reflectionPrompt: { maxLength: 2000, rows: 3 },
  submissionInstructions: { maxLength: 5000, rows: 4 },
};

/** The record a translation belongs to, as the pages name it. */
interface TextOwner {
  kind: TextKind;
  recordId: string;
  programme: { id: string; title: string; textLanguage: Language; municipalityId: string | null };
  /** The record's title in the reader's language, and the language it is in. */
  title: string;
  textLanguage: Language;
  /** Where its translations' pages live, and where to go back to. */
  base: string;
  backHref: string;
}

/** A translation's page address: /programmes/:id[/phases/:phaseId | /modules/:moduleId]. */
export interface TextOwnerRef {
  kind: TextKind;
  programmeId: string;
  recordId?: string;
}

/**
 * Translations of programme content: a programme's, a phase's or a module's texts in a language
 * other than the one they were written in. Whoever may edit the programme may add, change and
 * remove them; each is saved as made from the original's current version.
 */
@Injectable()
export class ProgrammeTranslationsService {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly repository: ProgrammesRepository,
    private readonly audit: AuditService,
    private readonly sql: Sql,
  ) {}

  /** The record, if the person may edit its programme (else 404/403), named in the reader's language. */
  private async owner(actor: Actor, ref: TextOwnerRef, language: Language | null): Promise<TextOwner> {
    const programme = await this.programmes.programmeFor(actor, ref.programmeId, 'edit', language);
    const programmeView = { id: programme.id, title: programme.title, textLanguage: programme.textLanguage, municipalityId: programme.municipalityId };
    const programmeBase = `/programmes/${programme.id}`;
    if (ref.kind === 'programme') {
      return {
        kind: 'programme',
        recordId: programme.id,
        programme: programmeView,
        title: programme.title,
        textLanguage: programme.textLanguage,
        base: programmeBase,
        backHref: programmeBase,
      };
    }
    if (!ref.recordId) throw new NotFoundError();
    if (ref.kind === 'phase') {
      const phase = await this.repository.findPhase(programme.id, ref.recordId, language);
      if (!phase) throw new NotFoundError();
      const base = `${programmeBase}/phases/${phase.id}`;
      return {
        kind: 'phase',
        recordId: phase.id,
        programme: programmeView,
        title: phase.title,
        textLanguage: phase.textLanguage,
        base,
        backHref: `${programmeBase}#phase-${phase.id}`,
      };
    }
    const module = await this.repository.findModule(programme.id, ref.recordId, language);
    if (!module) throw new NotFoundError();
    const base = `${programmeBase}/modules/${module.id}`;
    return { kind: 'module', recordId: module.id, programme: programmeView, title: module.title, textLanguage: module.textLanguage, base, backHref: base };
  }

  /** The record's texts and its translation into a language it is not written in; anything else is a 404. */
  private async texts(owner: TextOwner, rawLanguage: string) {
    if (!isLanguage(rawLanguage)) throw new NotFoundError();
    const texts = await this.repository.findTextsForTranslation(owner.kind, owner.recordId, rawLanguage);
    if (!texts || texts.originalLanguage === rawLanguage) throw new NotFoundError();
    return { language: rawLanguage, ...texts };
  }

  /** The translation form: each text of the original beside its translation (as saved, or blank). */
  async form(actor: Actor, ref: TextOwnerRef, rawLanguage: string, pageLanguage: Language) {
    const owner = await this.owner(actor, ref, pageLanguage);
    const texts = await this.texts(owner, rawLanguage);
    const [status] = languageStatuses(
      texts.originalLanguage,
      texts.textVersion,
      texts.translation ? [{ language: texts.language, sourceVersion: texts.translation.sourceVersion }] : [],
    ).filter((s) => s.language === texts.language);
    const fields = TEXT_KINDS[owner.kind].columns.map((column) => {
      const name = textFieldName(column);
      return { name, ...FIELD_SHAPES[name], multiline: FIELD_SHAPES[name].rows > 0, isMarkdown: name === 'bodyMd', original: texts.original[name] };
    });
    return {
      owner: { kind: owner.kind, title: owner.title, textLanguage: owner.textLanguage, backHref: owner.backHref },
      programme: owner.programme,
      language: texts.language,
      originalLanguage: texts.originalLanguage,
      status: status.status,
      isNew: texts.translation === null,
      fields,
      action: `${owner.base}/translations/${texts.language}`,
      removeHref: texts.translation ? `${owner.base}/translations/${texts.language}/delete` : null,
      values: Object.fromEntries(fields.map((f) => [f.name, texts.translation?.[f.name] ?? ''])),
    };
  }

  /**
   * Saves the translation, made from the original's current version. Where the original has a
   * text, the translation must have one too: a reader of the translation sees only the translation.
   */
  async save(actor: Actor, ref: TextOwnerRef, rawLanguage: string, typed: Partial<TextFields>): Promise<TextOwner> {
    const owner = await this.owner(actor, ref, null);
    const texts = await this.texts(owner, rawLanguage);
    const values: TextFields = {};
    const missing: Record<string, FieldError> = {};
    for (const column of TEXT_KINDS[owner.kind].columns) {
      const name = textFieldName(column);
      values[name] = (typed[name] ?? '').trim() === '' ? '' : (typed[name] as string);
      if (values[name] === '' && texts.original[name].trim() !== '') missing[name] = { key: 'programmes.translations.errors.missing' };
    }
    if (Object.keys(missing).length > 0) throw new FormValidationException(missing);
    await this.sql.transaction(async () => {
      // The original's language could have changed to this one since the page was read.
      const locked = await this.repository.lockTexts(owner.kind, owner.recordId);
      if (!locked || locked.originalLanguage === texts.language) throw new NotFoundError();
      await this.repository.saveTranslation(owner.kind, owner.recordId, texts.language, values, actor.id);
    });
    return owner;
  }

  /** What removing a translation would do: its page, before the button. */
  async removal(actor: Actor, ref: TextOwnerRef, rawLanguage: string, pageLanguage: Language) {
    const owner = await this.owner(actor, ref, pageLanguage);
    const texts = await this.texts(owner, rawLanguage);
    if (!texts.translation) throw new NotFoundError();
    return {
      owner: { kind: owner.kind, title: owner.title, textLanguage: owner.textLanguage, backHref: owner.backHref },
      programme: owner.programme,
      language: texts.language,
      originalLanguage: texts.originalLanguage,
      translationTitle: texts.translation.title,
      action: `${owner.base}/translations/${texts.language}/delete`,
    };
  }

  /** Removes the translation (readers of that language then see the original), with its audit entry. */
  async remove(actor: Actor, ref: TextOwnerRef, rawLanguage: string, ip: string | undefined): Promise<TextOwner> {
    const owner = await this.owner(actor, ref, null);
    if (!isLanguage(rawLanguage)) throw new NotFoundError();
    await this.sql.transaction(async () => {
      if (!(await this.repository.deleteTranslation(owner.kind, owner.recordId, rawLanguage))) throw new NotFoundError();
      await this.audit.record({
        actorId: actor.id,
        municipalityId: owner.programme.municipalityId,
        action: 'programme.translation_removed',
        subjectType: 'programme',
        subjectId: owner.programme.id,
        ip,
        details: { kind: owner.kind, recordId: owner.recordId, language: rawLanguage },
      });
    });
    return owner;
  }
}
