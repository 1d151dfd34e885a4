import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { administeredMunicipalityIds, isNetworkAdmin } from '../auth/actor.js';
import { ConflictError, ForbiddenError, FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import type { Language } from '../common/i18n/language.js';
import { renderMarkdown } from '../common/markdown.js';
import { type PageRequest, pageView } from '../common/pagination.js';
import { Sql } from '../database/sql.js';
import { COMPLETION_METHODS, MODULE_KINDS } from './curriculum-module.types.js';
import type { CopyProgrammeDto, CreateProgrammeDto, MoveDto, PhaseDto, ProgrammeDto } from './dto/programme.dto.js';
import type { ModuleDto } from './dto/module.dto.js';
import { findPrerequisiteCycle } from './prerequisite-cycle.js';
import { canCopyInto, canCreateProgrammeIn, canProgramme, type ProgrammeAction, programmeScope } from './programmes.policy.js';
import { type ModuleFields, type ModuleRecord, type ProgrammeFields, type ProgrammeRecord, ProgrammesRepository } from './programmes.repository.js';

function programmeFields(dto: ProgrammeDto): ProgrammeFields {
  return {
    title: dto.title,
    description: dto.description ?? '',
    minSessionsAttended: dto.minSessionsAttended,
    minReflections: dto.minReflections,
    minWorkshopAttendancePct: dto.minWorkshopAttendancePct,
  };
}

function moduleFields(dto: ModuleDto): ModuleFields {
  return {
    title: dto.title,
    summary: dto.summary ?? '',
    bodyMd: dto.bodyMd ?? '',
    learningObjectives: dto.learningObjectives ?? '',
    estimatedHours: dto.estimatedHours.replace(',', '.'),
    kind: dto.kind,
    completionMethod: dto.completionMethod,
    reflectionPrompt: dto.reflectionPrompt ?? '',
    required: dto.required === 'true',
    opensOffsetDays: dto.opensOffsetDays,
    dueOffsetDays: dto.dueOffsetDays,
  };
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
   * The programme if the person may see it (else 404) and may do `action` to it (else 403), with its
   * city named in `language` when a page shows it.
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
      isTemplate: row.municipalityId === null,
      cityName: row.cityName,
      originTitle: row.originTitle,
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

  /** The new-programme form: where it may belong (a city, or for network admins a template), as typed when it comes back. */
  async newProgrammeForm(actor: Actor, language: Language, typed?: { municipalityId?: unknown }) {
    return {
      canCreateTemplate: isNetworkAdmin(actor),
      cityOptions: await this.cityOptions(actor, language, typed?.municipalityId),
      isNew: true,
      values: { minSessionsAttended: 0, minReflections: 0, minWorkshopAttendancePct: 0 },
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

  async editValues(actor: Actor, id: string) {
    const p = await this.programmeFor(actor, id, 'edit');
    return {
      programme: { id: p.id, title: p.title },
      values: {
        title: p.title,
        description: p.description,
        minSessionsAttended: p.minSessionsAttended,
        minReflections: p.minReflections,
        minWorkshopAttendancePct: p.minWorkshopAttendancePct,
      },
    };
  }

  async update(actor: Actor, id: string, dto: ProgrammeDto, ip: string | undefined): Promise<void> {
    const p = await this.programmeFor(actor, id, 'edit');
    await this.sql.transaction(async () => {
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
      this.programmes.findPhases(id),
      this.programmes.findModuleOutline(id),
      canCopy ? this.cityOptions(actor, language) : [],
    ]);
    return {
      programme: {
        id: p.id,
        title: p.title,
        description: p.description,
        isTemplate: p.municipalityId === null,
        cityName: p.cityName,
        originProgrammeId: p.originProgrammeId,
        originTitle: p.originTitle,
        minSessionsAttended: p.minSessionsAttended,
        minReflections: p.minReflections,
        minWorkshopAttendancePct: p.minWorkshopAttendancePct,
        cohortCount: p.cohortCount,
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
          modules: own.map((mod, i) => ({ ...mod, isFirst: i === 0, isLast: i === own.length - 1, hasPrerequisites: mod.prerequisiteTitles.length > 0 })),
        };
      }),
      isEmpty: phases.length === 0,
    };
  }

  /**
   * Copies a network template into a city in one transaction: programme, phases, modules and
   * prerequisites, each copy remembering what it came from. The copy is the city's own from then on.
   */
  async copy(actor: Actor, id: string, dto: CopyProgrammeDto, ip: string | undefined): Promise<string> {
    const template = await this.programmeFor(actor, id, 'copy');
    const cities = administeredMunicipalityIds(actor);
    const target = dto.municipalityId ?? (!isNetworkAdmin(actor) && cities.length === 1 ? cities[0] : undefined);
    if (!target || !canCopyInto(actor, template, target)) throw new NotFoundError();
    if (!(await this.programmes.isActiveCity(target))) throw new NotFoundError();
    return this.sql.transaction(async () => {
      await this.programmes.lockProgramme(id);
      const copyId = await this.programmes.insertProgramme(target, programmeFields(template), actor.id, template.id);
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

  async phaseFormModel(actor: Actor, id: string, phaseId?: string) {
    const p = await this.programmeFor(actor, id, 'edit');
    const phase = phaseId ? await this.programmes.findPhase(id, phaseId) : undefined;
    if (phaseId && !phase) throw new NotFoundError();
    return { programme: { id: p.id, title: p.title }, phase, values: phase ? { title: phase.title, description: phase.description } : {} };
  }

  async addPhase(actor: Actor, id: string, dto: PhaseDto): Promise<void> {
    await this.programmeFor(actor, id, 'edit');
    await this.sql.transaction(async () => {
      await this.programmes.lockProgramme(id);
      await this.programmes.insertPhase(id, { title: dto.title, description: dto.description ?? '' });
    });
  }

  async updatePhase(actor: Actor, id: string, phaseId: string, dto: PhaseDto): Promise<void> {
    await this.programmeFor(actor, id, 'edit');
    if (!(await this.programmes.findPhase(id, phaseId))) throw new NotFoundError();
    await this.programmes.updatePhase(phaseId, { title: dto.title, description: dto.description ?? '' });
  }

  /** What deleting a phase would do, or why it may not be deleted. */
  async phaseDeletion(actor: Actor, id: string, phaseId: string) {
    const p = await this.programmeFor(actor, id, 'edit');
    const phase = await this.programmes.findPhase(id, phaseId);
    if (!phase) throw new NotFoundError();
    return { programme: { id: p.id, title: p.title, municipalityId: p.municipalityId }, phase, blocked: p.cohortCount > 0 && phase.moduleCount > 0 };
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
    if (!(await this.programmes.findPhase(id, phaseId))) throw new NotFoundError();
    await this.sql.transaction(async () => {
      await this.programmes.lockProgramme(id);
      await this.programmes.swapPhaseWithNeighbour(id, phaseId, dto.direction);
    });
  }

  // Modules

  async moduleFor(actor: Actor, id: string, moduleId: string, action: ProgrammeAction = 'view'): Promise<{ programme: ProgrammeRecord; module: ModuleRecord }> {
    const programme = await this.programmeFor(actor, id, action);
    const module = await this.programmes.findModule(id, moduleId);
    if (!module) throw new NotFoundError();
    return { programme, module };
  }

  async moduleView(actor: Actor, id: string, moduleId: string) {
    const programme = await this.programmeFor(actor, id);
    const [module, titles] = await Promise.all([this.programmes.findModule(id, moduleId), this.programmes.findModuleTitles(id)]);
    if (!module) throw new NotFoundError();
    return {
      programme: { id: programme.id, title: programme.title },
      module: { ...module, prerequisites: module.prerequisiteIds.map((pid) => ({ id: pid, title: titles.get(pid) })) },
      bodyHtml: renderMarkdown(module.bodyMd),
      canEdit: canProgramme(actor, 'edit', programme),
    };
  }

  /** The module form as saved (or blank, in the phase a link asked for). */
  async moduleForm(actor: Actor, id: string, moduleId?: string, phaseId?: unknown) {
    return this.moduleFormModel(actor, id, moduleId, { phaseId: typeof phaseId === 'string' ? phaseId : undefined });
  }

  /** The module form shown again with what was typed: nothing ticked is a choice too. */
  async moduleFormAsTyped(
    actor: Actor,
    id: string,
    moduleId: string | undefined,
    typed?: { phaseId?: unknown; prerequisiteIds?: unknown; required?: unknown },
  ) {
    const model = await this.moduleFormModel(actor, id, moduleId, { phaseId: typed?.phaseId, prerequisiteIds: typed?.prerequisiteIds ?? [] });
    // An unticked checkbox sends nothing: what was typed wins over the saved value.
    return { ...model, values: { ...model.values, required: typed?.required ?? '' } };
  }

  /**
   * What the module form needs besides the values: phases and the other modules to pick as
   * prerequisites, with what is selected (as saved, or as just typed when the form comes back).
   */
  private async moduleFormModel(actor: Actor, id: string, moduleId: string | undefined, typed: { phaseId?: unknown; prerequisiteIds?: unknown }) {
    const p = await this.programmeFor(actor, id, 'edit');
    const [module, phases, outline] = await Promise.all([
      moduleId ? this.programmes.findModule(id, moduleId) : undefined,
      this.programmes.findPhases(id),
      this.programmes.findModuleOutline(id),
    ]);
    if (moduleId && !module) throw new NotFoundError();
    const typedPrereqs = typed.prerequisiteIds === undefined ? undefined : ([] as unknown[]).concat(typed.prerequisiteIds);
    const chosenPrereqs = new Set((typedPrereqs ?? module?.prerequisiteIds ?? []).map(String));
    const chosenPhase = String(typed.phaseId ?? module?.phaseId ?? '');
    return {
      programme: { id: p.id, title: p.title },
      module: module ? { id: module.id, title: module.title } : undefined,
      phaseOptions: phases.map((ph) => ({ id: ph.id, title: ph.title, selected: ph.id === chosenPhase })),
      prerequisiteOptions: outline.filter((o) => o.id !== moduleId).map((o) => ({ id: o.id, title: o.title, selected: chosenPrereqs.has(o.id) })),
      kinds: MODULE_KINDS,
      completionMethods: COMPLETION_METHODS,
      values: module
        ? {
            title: module.title,
            summary: module.summary,
            bodyMd: module.bodyMd,
            learningObjectives: module.learningObjectives,
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
      this.programmes.findPhase(id, dto.phaseId),
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

  async updateModule(actor: Actor, id: string, moduleId: string, dto: ModuleDto): Promise<void> {
    await this.moduleFor(actor, id, moduleId, 'edit');
    const prerequisiteIds = await this.validateModule(id, moduleId, dto);
    await this.sql.transaction(async () => {
      // The lock makes the loop check and the write one step: two admins cannot each add half a loop.
      await this.programmes.lockProgramme(id);
      const cycle = findPrerequisiteCycle(await this.programmes.findPrerequisiteEdges(id), moduleId, prerequisiteIds);
      if (cycle) {
        const titles = await this.programmes.findModuleTitles(id);
        throw FormValidationException.field('prerequisiteIds', 'programmes.modules.errors.prerequisiteCycle', {
          cycle: cycle.map((c) => titles.get(c) ?? c).join(' → '),
        });
      }
      await this.programmes.updateModule(moduleId, dto.phaseId, moduleFields(dto));
      await this.programmes.replacePrerequisites(moduleId, prerequisiteIds);
    });
  }

  async moduleDeletion(actor: Actor, id: string, moduleId: string) {
    const { programme, module } = await this.moduleFor(actor, id, moduleId, 'edit');
    return {
      programme: { id: programme.id, title: programme.title, municipalityId: programme.municipalityId },
      module: { id: module.id, title: module.title },
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
