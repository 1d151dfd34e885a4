import { CONTACT_INTERVAL_DAYS } from '../mentoring/contact-interval.js';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { administeredMunicipalityIds, isNetworkAdmin } from '../auth/actor.js';
import { ConflictError, ForbiddenError, FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import { isolate } from '../common/i18n/bidi.js';
import { translate } from '../common/i18n/i18n.js';
import { LANGUAGES, type Language } from '../common/i18n/language.js';
import { renderMarkdown } from '../common/markdown.js';
import { type PageRequest, pageView } from '../common/pagination.js';
import { Sql } from '../database/sql.js';
import { COMPLETION_METHODS, MODULE_KINDS } from './curriculum-module.types.js';
import type { CopyProgrammeDto, CreateProgrammeDto, MoveDto, PhaseDto, ProgrammeDto } from './dto/programme.dto.js';
import type { ModuleDto } from './dto/module.dto.js';
import { languageStatuses, type TextKind } from './localized-text.js';
import { findPrerequisiteCycle } from './prerequisite-cycle.js';
import { canCopyInto, canCreateProgrammeIn, canProgramme, type ProgrammeAction, programmeScope } from './programmes.policy.js';
import {
  type ModuleFields,
  type ModuleRecord,
  type ProgrammeFields,
  type ProgrammeRecord,
  ProgrammesRepository,
  type TextState,
} from './programmes.repository.js';

function programmeFields(dto: ProgrammeDto): ProgrammeFields {
  return {
    originalLanguage: dto.originalLanguage,
    title: dto.title,
    description: dto.description ?? '',
    minSessionsAttended: dto.minSessionsAttended,
    minReflections: dto.minReflections,
    minWorkshopAttendancePct: dto.minWorkshopAttendancePct,
    contactIntervalDays: dto.contactIntervalDays ?? null,
  };
}

function moduleFields(dto: ModuleDto): ModuleFields {
  return {
    originalLanguage: dto.originalLanguage,
    title: dto.title,
    summary: dto.summary ?? '',
    bodyMd: dto.bodyMd ?? '',
    learningObjectives: dto.learningObjectives ?? '',
    submissionInstructions: dto.submissionInstructions ?? '',
    estimatedHours: dto.estimatedHours.replace(',', '.'),
    kind: dto.kind,
    completionMethod: dto.completionMethod,
    reflectionPrompt: dto.reflectionPrompt ?? '',
    required: dto.required === 'true',
    opensOffsetDays: dto.opensOffsetDays,
    dueOffsetDays: dto.dueOffsetDays,
  };
}

/** The choices of a form's "original language" select, the current one selected. */
export function languageOptions(selected: unknown) {
  return LANGUAGES.map((code) => ({ code, selected: code === selected }));
}

/**
 * Where a record's text stands in each language, for the editor: the original (edited through the
 * record's own form) and each translation (added, edited or removed on its own page under `base`),
 * up to date or out of date since the original changed.
 */
export function languageRows(state: TextState, base: string) {
  return languageStatuses(state.originalLanguage, state.textVersion, state.translations).map(({ language, status }) => ({
    language,
    status,
    isOriginal: status === 'original',
    isMissing: status === 'missing',
    href: `${base}/translations/${language}`,
    removeHref: status === 'original' || status === 'missing' ? null : `${base}/translations/${language}/delete`,
  }));
}

/** The languages whose translation is behind the original: what the programme page flags. */
function outOfDate(state: TextState) {
  return languageStatuses(state.originalLanguage, state.textVersion, state.translations)
    .filter((s) => s.status === 'outOfDate')
    .map((s) => s.language);
}

/** Programmes, their phases and modules: every use case starts with the scoped lookup and the policy. */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly programmes: ProgrammesRepository,
    private readonly audit: AuditService,
    private readonly sql: Sql,
  ) {}

  /**
   * The programme if the person may see it (else 404) and may do `action` to it (else 403), its
   * texts and its city in `language` when a page shows them (as written when null).
   */
  async programmeFor(actor: Actor, id: string, action: ProgrammeAction = 'view', language: Language | null = null): Promise<ProgrammeRecord> {
    const programme = await this.programmes.findForActorScope(programmeScope(actor), id, language);
    if (!programme || !canProgramme(actor, 'view', programme)) throw new NotFoundError();
    if (!canProgramme(actor, action, programme)) throw new ForbiddenError();
    return programme;
  }

  async list(actor: Actor, page: PageRequest, language: Language) {
    const { rows, total } = await this.programmes.findForScope(programmeScope(actor), page, language);
    const items = rows.map((row) => ({
      id: row.id,
      title: row.title,
      textLanguage: row.textLanguage,
      isTemplate: row.municipalityId === null,
      cityName: row.cityName,
      originTitle: row.originTitle,
      originTitleLanguage: row.originTitleLanguage,
      phaseCount: row.phaseCount,
      moduleCount: row.moduleCount,
      canEdit: canProgramme(actor, 'edit', row),
    }));
    return { page: pageView(items, total, page, '/programmes'), isEmpty: total === 0 };
  }

  /** The cities this person may create in or copy into. */
  private async cityOptions(actor: Actor, language: Language, selected?: unknown) {
    const cities = await this.programmes.findCityOptions(isNetworkAdmin(actor) ? null : administeredMunicipalityIds(actor), language);
    return cities.map((c) => ({ id: c.id, name: c.name, selected: c.id === selected }));
  }

  /**
   * The new-programme form: where it may belong (a city, or for network admins a template), as
   * typed when it comes back; a new programme is written in the page's language unless said otherwise.
   */
  async newProgrammeForm(actor: Actor, language: Language, typed?: { municipalityId?: unknown; originalLanguage?: unknown }) {
    return {
      canCreateTemplate: isNetworkAdmin(actor),
      cityOptions: await this.cityOptions(actor, language, typed?.municipalityId),
      languageOptions: languageOptions(typed?.originalLanguage ?? language),
      isNew: true,
      values: { minSessionsAttended: 0, minReflections: 0, minWorkshopAttendancePct: 0, contactIntervalDays: CONTACT_INTERVAL_DAYS },
    };
  }

  async create(actor: Actor, dto: CreateProgrammeDto, ip: string | undefined): Promise<string> {
    const cities = administeredMunicipalityIds(actor);
    // A department admin of one city need not choose; blank means "network template" only for network admins.
    const municipalityId = dto.municipalityId ? dto.municipalityId : isNetworkAdmin(actor) ? null : cities.length === 1 ? cities[0] : undefined;
    if (municipalityId === undefined) throw FormValidationException.field('municipalityId', 'validation.required');
    if (!canCreateProgrammeIn(actor, municipalityId)) throw FormValidationException.field('municipalityId', 'validation.choice');
    return this.sql.transaction(async () => {
      const id = await this.programmes.insertProgramme(municipalityId, programmeFields(dto), actor.id);
      await this.audit.record({ actorId: actor.id, municipalityId, action: 'programme.created', subjectType: 'programme', subjectId: id, ip });
      return id;
    });
  }

  /** The programme's form with its texts as written (translations have their own pages), as typed when it comes back. */
  async editValues(actor: Actor, id: string, typed?: { originalLanguage?: unknown }) {
    const p = await this.programmeFor(actor, id, 'edit');
    return {
      programme: { id: p.id, title: p.title, textLanguage: p.textLanguage },
      languageOptions: languageOptions(typed?.originalLanguage ?? p.originalLanguage),
      values: {
        title: p.title,
        description: p.description,
        minSessionsAttended: p.minSessionsAttended,
        minReflections: p.minReflections,
        minWorkshopAttendancePct: p.minWorkshopAttendancePct,
        contactIntervalDays: p.contactIntervalDays,
      },
    };
  }

  /**
   * Inside a write's transaction: locks the record's texts and refuses an original language that a
   * translation of it is already in (the original and a translation cannot share a language).
   */
  private async checkOriginalLanguage(kind: TextKind, recordId: string, originalLanguage: Language): Promise<void> {
    const texts = await this.programmes.lockTexts(kind, recordId);
    if (texts && texts.originalLanguage !== originalLanguage && texts.translatedInto.includes(originalLanguage))
      throw FormValidationException.field('originalLanguage', 'programmes.languages.errors.translationExists');
  }

  async update(actor: Actor, id: string, dto: ProgrammeDto, ip: string | undefined): Promise<void> {
    const p = await this.programmeFor(actor, id, 'edit');
    await this.sql.transaction(async () => {
      await this.checkOriginalLanguage('programme', id, dto.originalLanguage);
      await this.programmes.updateProgramme(id, programmeFields(dto));
      await this.audit.record({
        actorId: actor.id,
        municipalityId: p.municipalityId,
        action: 'programme.updated',
        subjectType: 'programme',
        subjectId: id,
        ip,
      });
    });
  }

  async show(actor: Actor, id: string, language: Language) {
    const p = await this.programmeFor(actor, id, 'view', language);
    const canEdit = canProgramme(actor, 'edit', p);
    const canCopy = canProgramme(actor, 'copy', p);
    const [phases, modules, copyTargets] = await Promise.all([
      this.programmes.findPhases(id, language),
      this.programmes.findModuleOutline(id, language),
      canCopy ? this.cityOptions(actor, language) : [],
    ]);
    const base = `/programmes/${p.id}`;
    return {
      programme: {
        id: p.id,
        title: p.title,
        description: p.description,
        textLanguage: p.textLanguage,
        isTemplate: p.municipalityId === null,
        cityName: p.cityName,
        originProgrammeId: p.originProgrammeId,
        originTitle: p.originTitle,
        originTitleLanguage: p.originTitleLanguage,
        minSessionsAttended: p.minSessionsAttended,
        minReflections: p.minReflections,
        minWorkshopAttendancePct: p.minWorkshopAttendancePct,
        contactIntervalDays: p.contactIntervalDays,
        cohortCount: p.cohortCount,
        languages: languageRows(p, base),
      },
      canEdit,
      canCopy,
      canStartCohort: canProgramme(actor, 'startCohort', p),
      copyTargets,
      phases: phases.map((phase, index) => {
        const own = modules.filter((mod) => mod.phaseId === phase.id);
        return {
          ...phase,
          number: index + 1,
          isFirst: index === 0,
          isLast: index === phases.length - 1,
          languages: languageRows(phase, `${base}/phases/${phase.id}`),
          modules: own.map((mod, i) => ({
            ...mod,
            isFirst: i === 0,
            isLast: i === own.length - 1,
            hasPrerequisites: mod.prerequisites.length > 0,
            outOfDate: outOfDate(mod),
          })),
        };
      }),
      isEmpty: phases.length === 0,
    };
  }

  /**
   * Copies a network template into a city in one transaction: programme, phases, modules and
   * prerequisites, with their texts in every language, each copy remembering what it came from.
   * The copy is the city's own from then on.
   */
  async copy(actor: Actor, id: string, dto: CopyProgrammeDto, ip: string | undefined): Promise<string> {
    const template = await this.programmeFor(actor, id, 'copy');
    const cities = administeredMunicipalityIds(actor);
    const target = dto.municipalityId ?? (!isNetworkAdmin(actor) && cities.length === 1 ? cities[0] : undefined);
    if (!target || !canCopyInto(actor, template, target)) throw new NotFoundError();
    if (!(await this.programmes.isActiveCity(target))) throw new NotFoundError();
    return this.sql.transaction(async () => {
      await this.programmes.lockProgramme(id);
      const copyId = await this.programmes.copyProgramme(template.id, target, actor.id);
      await this.programmes.copyStructure(template.id, copyId);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: target,
        action: 'programme.copied',
        subjectType: 'programme',
        subjectId: copyId,
        ip,
        details: { templateId: template.id },
      });
      return copyId;
    });
  }

  // Phases

  /** The phase form with its texts as written; a new phase is written in the programme's language unless said otherwise. */
  async phaseFormModel(actor: Actor, id: string, phaseId?: string, typed?: { originalLanguage?: unknown }) {
    const p = await this.programmeFor(actor, id, 'edit');
    const phase = phaseId ? await this.programmes.findPhase(id, phaseId, null) : undefined;
    if (phaseId && !phase) throw new NotFoundError();
    return {
      programme: { id: p.id, title: p.title, textLanguage: p.textLanguage },
      phase,
      languageOptions: languageOptions(typed?.originalLanguage ?? phase?.originalLanguage ?? p.originalLanguage),
      values: phase ? { title: phase.title, description: phase.description } : {},
    };
  }

  async addPhase(actor: Actor, id: string, dto: PhaseDto): Promise<void> {
    await this.programmeFor(actor, id, 'edit');
    await this.sql.transaction(async () => {
      await this.programmes.lockProgramme(id);
      await this.programmes.insertPhase(id, { originalLanguage: dto.originalLanguage, title: dto.title, description: dto.description ?? '' });
    });
  }

  async updatePhase(actor: Actor, id: string, phaseId: string, dto: PhaseDto): Promise<void> {
    await this.programmeFor(actor, id, 'edit');
    if (!(await this.programmes.findPhase(id, phaseId, null))) throw new NotFoundError();
    await this.sql.transaction(async () => {
      await this.checkOriginalLanguage('phase', phaseId, dto.originalLanguage);
      await this.programmes.updatePhase(phaseId, { originalLanguage: dto.originalLanguage, title: dto.title, description: dto.description ?? '' });
    });
  }

  /** What deleting a phase would do, or why it may not be deleted; named in the reader's language. */
  async phaseDeletion(actor: Actor, id: string, phaseId: string, language: Language | null = null) {
    const p = await this.programmeFor(actor, id, 'edit', language);
    const phase = await this.programmes.findPhase(id, phaseId, language);
    if (!phase) throw new NotFoundError();
    return {
      programme: { id: p.id, title: p.title, textLanguage: p.textLanguage, municipalityId: p.municipalityId },
      phase,
      blocked: p.cohortCount > 0 && phase.moduleCount > 0,
    };
  }

  async deletePhase(actor: Actor, id: string, phaseId: string, ip: string | undefined): Promise<void> {
    const { programme, phase, blocked } = await this.phaseDeletion(actor, id, phaseId);
    // Cohorts running the programme have windows and progress on these modules: removing them would erase that.
    if (blocked) throw new ConflictError('programmes.phases.deleteBlocked');
    await this.sql.transaction(async () => {
      await this.programmes.lockProgramme(id);
      await this.programmes.deletePhase(phaseId);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: programme.municipalityId,
        action: 'programme.phase_deleted',
        subjectType: 'programme',
        subjectId: id,
        ip,
        details: { phaseId, title: phase.title, modules: phase.moduleCount },
      });
    });
  }

  async movePhase(actor: Actor, id: string, phaseId: string, dto: MoveDto): Promise<void> {
    await this.programmeFor(actor, id, 'edit');
    if (!(await this.programmes.findPhase(id, phaseId, null))) throw new NotFoundError();
    await this.sql.transaction(async () => {
      await this.programmes.lockProgramme(id);
      await this.programmes.swapPhaseWithNeighbour(id, phaseId, dto.direction);
    });
  }

  // Modules

  /** The module if the person may do `action` to its programme, its texts in `language` (as written when null). */
  async moduleFor(
    actor: Actor,
    id: string,
    moduleId: string,
    action: ProgrammeAction = 'view',
    language: Language | null = null,
  ): Promise<{ programme: ProgrammeRecord; module: ModuleRecord }> {
    const programme = await this.programmeFor(actor, id, action, language);
    const module = await this.programmes.findModule(id, moduleId, language);
    if (!module) throw new NotFoundError();
    return { programme, module };
  }

  async moduleView(actor: Actor, id: string, moduleId: string, language: Language) {
    const programme = await this.programmeFor(actor, id, 'view', language);
    const [module, titles] = await Promise.all([this.programmes.findModule(id, moduleId, language), this.programmes.findModuleTitles(id, language)]);
    if (!module) throw new NotFoundError();
    const base = `/programmes/${id}/modules/${moduleId}`;
    const canEdit = canProgramme(actor, 'edit', programme);
    return {
      programme: { id: programme.id, title: programme.title, textLanguage: programme.textLanguage },
      module: { ...module, prerequisites: module.prerequisiteIds.map((pid) => ({ id: pid, ...titles.get(pid) })) },
      bodyHtml: renderMarkdown(module.bodyMd),
      canEdit,
      // Not `languages`: the layout's language switch is named so.
      contentLanguages: canEdit ? languageRows(module, base) : [],
    };
  }

  /** The module form as saved (or blank, in the phase a link asked for). */
  async moduleForm(actor: Actor, id: string, language: Language, moduleId?: string, phaseId?: unknown) {
    return this.moduleFormModel(actor, id, language, moduleId, { phaseId: typeof phaseId === 'string' ? phaseId : undefined });
  }

  /** The module form shown again with what was typed: nothing ticked is a choice too. */
  async moduleFormAsTyped(
    actor: Actor,
    id: string,
    language: Language,
    moduleId: string | undefined,
    typed?: { phaseId?: unknown; prerequisiteIds?: unknown; required?: unknown; originalLanguage?: unknown },
  ) {
    const model = await this.moduleFormModel(actor, id, language, moduleId, {
      phaseId: typed?.phaseId,
      prerequisiteIds: typed?.prerequisiteIds ?? [],
      originalLanguage: typed?.originalLanguage,
    });
    // An unticked checkbox sends nothing: what was typed wins over the saved value.
    return { ...model, values: { ...model.values, required: typed?.required ?? '' } };
  }

  /**
   * What the module form needs besides the values: phases and the other modules to pick as
   * prerequisites (named in the reader's language), with what is selected (as saved, or as just
   * typed when the form comes back). The values are the module's texts as written.
   */
  private async moduleFormModel(
    actor: Actor,
    id: string,
    language: Language,
    moduleId: string | undefined,
    typed: { phaseId?: unknown; prerequisiteIds?: unknown; originalLanguage?: unknown },
  ) {
    const p = await this.programmeFor(actor, id, 'edit');
    const [module, phases, outline] = await Promise.all([
      moduleId ? this.programmes.findModule(id, moduleId, null) : undefined,
      this.programmes.findPhases(id, language),
      this.programmes.findModuleOutline(id, language),
    ]);
    if (moduleId && !module) throw new NotFoundError();
    const typedPrereqs = typed.prerequisiteIds === undefined ? undefined : ([] as unknown[]).concat(typed.prerequisiteIds);
    const chosenPrereqs = new Set((typedPrereqs ?? module?.prerequisiteIds ?? []).map(String));
    const chosenPhase = String(typed.phaseId ?? module?.phaseId ?? '');
    return {
      programme: { id: p.id, title: p.title, textLanguage: p.textLanguage },
      module: module ? { id: module.id, title: module.title, textLanguage: module.textLanguage } : undefined,
      languageOptions: languageOptions(typed.originalLanguage ?? module?.originalLanguage ?? p.originalLanguage),
      phaseOptions: phases.map((ph) => ({ id: ph.id, title: ph.title, textLanguage: ph.textLanguage, selected: ph.id === chosenPhase })),
      prerequisiteOptions: outline
        .filter((o) => o.id !== moduleId)
        .map((o) => ({ id: o.id, title: o.title, textLanguage: o.textLanguage, selected: chosenPrereqs.has(o.id) })),
      kinds: MODULE_KINDS,
      completionMethods: COMPLETION_METHODS,
      values: module
        ? {
            title: module.title,
            summary: module.summary,
            bodyMd: module.bodyMd,
            learningObjectives: module.learningObjectives,
            submissionInstructions: module.submissionInstructions,
            estimatedHours: module.estimatedHours,
            kind: module.kind,
            completionMethod: module.completionMethod,
            reflectionPrompt: module.reflectionPrompt,
            required: module.required ? 'true' : '',
            opensOffsetDays: module.opensOffsetDays,
            dueOffsetDays: module.dueOffsetDays,
          }
        : { estimatedHours: '2', kind: 'workshop', completionMethod: 'self', required: 'true', opensOffsetDays: 0, dueOffsetDays: 30 },
      noPhases: phases.length === 0,
    };
  }

  /** Checks what the database would refuse less kindly: phase of this programme, prerequisites of it, no loop, due after opening. */
  private async validateModule(id: string, moduleId: string | null, dto: ModuleDto): Promise<string[]> {
    if (dto.dueOffsetDays < dto.opensOffsetDays) throw FormValidationException.field('dueOffsetDays', 'programmes.modules.errors.dueBeforeOpens');
    const prerequisiteIds = [...new Set(dto.prerequisiteIds ?? [])];
    const [phase, ownModules] = await Promise.all([
      this.programmes.findPhase(id, dto.phaseId, null),
      this.programmes.countModulesOfProgramme(id, prerequisiteIds, moduleId),
    ]);
    if (!phase) throw FormValidationException.field('phaseId', 'validation.choice');
    if (moduleId && prerequisiteIds.includes(moduleId)) throw FormValidationException.field('prerequisiteIds', 'programmes.modules.errors.prerequisiteSelf');
    if (ownModules !== prerequisiteIds.length) throw FormValidationException.field('prerequisiteIds', 'validation.choice');
    return prerequisiteIds;
  }

  async addModule(actor: Actor, id: string, dto: ModuleDto): Promise<string> {
    await this.programmeFor(actor, id, 'edit');
    const prerequisiteIds = await this.validateModule(id, null, dto);
    return this.sql.transaction(async () => {
      await this.programmes.lockProgramme(id);
      const moduleId = await this.programmes.insertModule(id, dto.phaseId, moduleFields(dto));
      // A new module cannot close a loop: nothing needs it yet.
      await this.programmes.replacePrerequisites(moduleId, prerequisiteIds);
      await this.programmes.insertWindowsForNewModule(id, moduleId);
      return moduleId;
    });
  }

  /** `language` is the page's, in which a prerequisite loop is named. */
  async updateModule(actor: Actor, id: string, moduleId: string, dto: ModuleDto, language: Language): Promise<void> {
    await this.moduleFor(actor, id, moduleId, 'edit');
    const prerequisiteIds = await this.validateModule(id, moduleId, dto);
    await this.sql.transaction(async () => {
      // The lock makes the loop check and the write one step: two admins cannot each add half a loop.
      await this.programmes.lockProgramme(id);
      const cycle = findPrerequisiteCycle(await this.programmes.findPrerequisiteEdges(id), moduleId, prerequisiteIds);
      if (cycle) {
        const titles = await this.programmes.findModuleTitles(id, language);
        // Each title keeps its own direction; the arrows follow the page's.
        throw FormValidationException.field('prerequisiteIds', 'programmes.modules.errors.prerequisiteCycle', {
          cycle: cycle.map((c) => isolate(titles.get(c)?.title ?? c)).join(translate(language, 'programmes.modules.errors.cycleStep')),
        });
      }
      await this.checkOriginalLanguage('module', moduleId, dto.originalLanguage);
      await this.programmes.updateModule(moduleId, dto.phaseId, moduleFields(dto));
      await this.programmes.replacePrerequisites(moduleId, prerequisiteIds);
    });
  }

  /** What deleting a module would do, or why it may not; named in the reader's language. */
  async moduleDeletion(actor: Actor, id: string, moduleId: string, language: Language | null = null) {
    const { programme, module } = await this.moduleFor(actor, id, moduleId, 'edit', language);
    return {
      programme: { id: programme.id, title: programme.title, textLanguage: programme.textLanguage, municipalityId: programme.municipalityId },
      module: { id: module.id, title: module.title, textLanguage: module.textLanguage },
      blocked: await this.programmes.moduleHasProgress(moduleId),
    };
  }

  async deleteModule(actor: Actor, id: string, moduleId: string, ip: string | undefined): Promise<void> {
    const { programme, module, blocked } = await this.moduleDeletion(actor, id, moduleId);
    if (blocked) throw new ConflictError('programmes.modules.deleteBlocked');
    await this.sql.transaction(async () => {
      await this.programmes.lockProgramme(id);
      // Checked again under the lock: the module's progress (and its history) would go with it.
      if (await this.programmes.lockModuleAndCheckProgress(moduleId)) throw new ConflictError('programmes.modules.deleteBlocked');
      await this.programmes.deleteModule(moduleId);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: programme.municipalityId,
        action: 'programme.module_deleted',
        subjectType: 'programme',
        subjectId: id,
        ip,
        details: { moduleId, title: module.title },
      });
    });
  }

  async moveModule(actor: Actor, id: string, moduleId: string, dto: MoveDto): Promise<void> {
    await this.moduleFor(actor, id, moduleId, 'edit');
    await this.sql.transaction(async () => {
      await this.programmes.lockProgramme(id);
      await this.programmes.swapModuleWithNeighbour(moduleId, dto.direction);
    });
  }
}
