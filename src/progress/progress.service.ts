import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { type Actor, administeredMunicipalityIds } from '../auth/actor.js';
import { ConflictError, ForbiddenError, FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import { isolate } from '../common/i18n/bidi.js';
import { RTL_LANGUAGES } from '../common/i18n/i18n.js';
import type { Language } from '../common/i18n/language.js';
import { safeFileName } from '../common/file-names.js';
import { renderMarkdown } from '../common/markdown.js';
import { pageRequest, pageView } from '../common/pagination.js';
import { optionalIdFilter } from '../common/query-filters.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Sql } from '../database/sql.js';
import { standingView } from './completion-checklist.js';
import { CompletionStatusRepository, type TeacherStanding } from './completion-status.repository.js';
import { type ProgressAction, ownerActions, transition, type TransitionRefusal, UNDO_APPROVAL_MINUTES } from './progress-state.js';
import { attendanceReach, canProgress, type ProgressPolicyAction, progressRelation } from './progress.policy.js';
import {
  type CertificateDetails,
  type LockedProgress,
  type OwnModule,
  type PathModule,
  ProgressRepository,
  type TeacherCohort,
  type TransitionChanges,
} from './progress.repository.js';
import { checkSubmissionFile, SubmissionFileStore, type UploadedSubmissionFile } from './submission-files.js';

type OwnerAction = Extract<ProgressAction, 'start' | 'markDone' | 'submit' | 'resubmit' | 'withdraw'>;

/** Submitted files a browser may show inside the review page; every other type is only ever downloaded. */
export const PREVIEWABLE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

/** A refused transition as the page says it: state conflicts are 409 with a reason, permission 403. */
function refusalError(reason: TransitionRefusal): Error {
  if (reason === 'notAllowed') return new ForbiddenError();
  if (reason === 'commentRequired') return FormValidationException.field('comment', 'validation.required');
  return new ConflictError(`progress.refused.${reason}`);
}

export interface ModuleView extends PathModule {
  locked: boolean;
  nextStepKey: string;
  missingPrerequisitesText: string;
  statusKey: string;
  kindKey: string;
  methodKey: string;
}

export type CertificateOutcome = { ok: true; details: CertificateDetails } | { ok: false; page: ReturnType<typeof refusedCertificatePage> };

/** The page that says why there is no certificate yet: which rules are unmet, with the figures. */
function refusedCertificatePage(cohort: TeacherCohort, standing: TeacherStanding) {
  return { cohort, standing: standingView(standing), withdrawn: standing.status === 'withdrawn', pathHref: `/path?cohort=${cohort.cohortId}` };
}

/** Titles listed in a sentence: in a right-to-left page each keeps its own direction beside the commas. */
function titleList(titles: string[], language: Language | null): string {
  return (language && RTL_LANGUAGES.has(language) ? titles.map(isolate) : titles).join(', ');
}

function moduleView(module: PathModule, memberWithdrawn: boolean, language: Language | null = null): ModuleView {
  const locked = module.status === 'not_started' && (module.notOpenYet || module.missingPrerequisites.length > 0);
  let nextStepKey: string;
  if (memberWithdrawn) nextStepKey = 'progress.next.withdrawn';
  else if (locked) nextStepKey = module.missingPrerequisites.length > 0 ? 'progress.next.lockedPrerequisites' : 'progress.next.lockedWindow';
  else if (module.status === 'not_started') nextStepKey = `progress.next.notStarted.${module.completionMethod}`;
  else if (module.status === 'in_progress') nextStepKey = `progress.next.inProgress.${module.completionMethod}`;
  else nextStepKey = `progress.next.${module.status}`;
  return {
    ...module,
    locked,
    nextStepKey,
    missingPrerequisitesText: titleList(module.missingPrerequisites, language),
    statusKey: `progress.status.${module.status}`,
    kindKey: `progress.kind.${module.kind}`,
    methodKey: `progress.method.${module.completionMethod}`,
  };
}

@Injectable()
export class ProgressService {
  private readonly files: SubmissionFileStore;

  constructor(
    private readonly sql: Sql,
    private readonly progress: ProgressRepository,
    private readonly completion: CompletionStatusRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.files = new SubmissionFileStore(config.dataDir);
  }

  /** The cohort of the teacher's path: the one asked for (which must be theirs), else their newest; programmes named in `language`. */
  private async teacherCohort(
    actor: Actor,
    requested: string | undefined,
    language: Language | null,
  ): Promise<{ cohort: TeacherCohort | undefined; cohorts: TeacherCohort[] }> {
    const cohorts = await this.progress.findTeacherCohorts(actor.id, language);
    if (requested === undefined) return { cohort: cohorts[0], cohorts };
    const cohort = cohorts.find((c) => c.cohortId === requested);
    if (!cohort) throw new NotFoundError();
    return { cohort, cohorts };
  }

  async path(actor: Actor, requestedCohort: string | undefined, language: Language) {
    const { cohort, cohorts } = await this.teacherCohort(actor, requestedCohort, language);
    if (!cohort) return { hasCohort: false };
    const withdrawn = cohort.memberStatus === 'withdrawn';
    const [pathModules, status] = await Promise.all([
      this.progress.findPathModules(cohort.cohortId, actor.id, language),
      this.completion.findTeacherStatus(cohort.cohortId, actor.id),
    ]);
    const modules = pathModules.map((m) => moduleView(m, withdrawn, language));
    const phases: { phaseId: string; title: string; description: string; textLanguage: Language; modules: ModuleView[] }[] = [];
    for (const module of modules) {
      let phase = phases.at(-1);
      if (!phase || phase.phaseId !== module.phaseId)
        phases.push(
          (phase = {
            phaseId: module.phaseId,
            title: module.phaseTitle,
            description: module.phaseDescription,
            textLanguage: module.phaseLanguage,
            modules: [],
          }),
        );
      phase.modules.push(module);
    }
    return {
      hasCohort: true,
      cohort,
      withdrawn,
      // A phase whose every module is approved folds away: the path shows what is still to do.
      phases: phases.map((phase) => ({ ...phase, complete: phase.modules.every((m) => m.status === 'approved') })),
      cohortChoices: cohorts.length > 1 ? cohorts.map((c) => ({ ...c, current: c.cohortId === cohort.cohortId })) : [],
      standing: status ? standingView(status) : undefined,
      nextUp: modules.find((m) => !m.locked && m.status !== 'approved' && m.status !== 'submitted'),
    };
  }

  async modulePage(actor: Actor, moduleId: string, requestedCohort: string | undefined, language: Language) {
    const { cohort, detail } = await this.ownModule(actor, moduleId, requestedCohort, language);
    const withdrawn = cohort.memberStatus === 'withdrawn';
    const view = moduleView(detail, withdrawn, language);
    const history = detail.progressId ? await this.progress.findHistory(detail.progressId) : [];
    const actions = withdrawn ? [] : ownerActions(detail.status, detail.completionMethod, view.locked, detail.submissionPredatesMentor);
    return {
      cohort,
      module: view,
      // Handed in before their mentor became theirs: that mentor has not read it, and will once it is handed in again.
      waitsForResubmission: detail.status === 'submitted' && detail.submissionPredatesMentor && cohort.mentorName !== null,
      bodyHtml: renderMarkdown(detail.bodyMd),
      learningObjectives: detail.learningObjectives,
      reflectionPrompt: detail.reflectionPrompt,
      submissionInstructions: detail.submissionInstructions,
      progressId: detail.progressId,
      submissionText: detail.submissionText,
      submissionFileName: detail.submissionFileName === null ? null : safeFileName(detail.submissionFileName),
      submissionFileSize: detail.submissionFileSize,
      // The mentor's word on the work, whether they returned it or approved it with feedback.
      mentorComment: detail.status === 'returned' || detail.status === 'approved' ? detail.mentorComment : null,
      isWorkshop: detail.completionMethod === 'attendance',
      history,
      canStart: actions.includes('start'),
      canMarkDone: actions.includes('markDone'),
      canSubmit: actions.includes('submit') || actions.includes('resubmit'),
      isResubmission: actions.includes('resubmit'),
      canWithdraw: actions.includes('withdraw'),
      actionBase: `/path/modules/${moduleId}`,
      cohortQuery: `?cohort=${cohort.cohortId}`,
    };
  }

  /** The module in one of the actor's own cohorts as a teacher (its texts in `language`, as written when null); anyone else's is a 404. */
  private async ownModule(actor: Actor, moduleId: string, requestedCohort: string | undefined, language: Language | null = null): Promise<OwnModule> {
    const own = await this.progress.findOwnModule(actor.id, moduleId, requestedCohort, language);
    if (!own) throw new NotFoundError();
    return own;
  }

  /** A teacher's move on their own row, in one transaction (with `also`, e.g. its audit); gives the row as it was before. */
  private async moveOwn(
    actor: Actor,
    own: OwnModule,
    action: OwnerAction,
    locked: boolean,
    changes: TransitionChanges,
    also?: (row: LockedProgress) => Promise<void>,
  ): Promise<LockedProgress> {
    if (!canProgress(actor, action, own.record)) throw new NotFoundError();
    return this.sql.transaction(async () => {
      const [row] = await this.progress.lockProgressRows(own.cohort.cohortId, own.detail.moduleId, [actor.id]);
      const result = transition(row.status, action, {
        method: own.detail.completionMethod,
        relation: progressRelation(actor, action, own.record),
        memberWithdrawn: own.cohort.memberStatus === 'withdrawn',
        locked,
        submissionPredatesMentor: own.detail.submissionPredatesMentor,
      });
      if (!result.ok) throw refusalError(result.reason);
      await this.progress.applyTransition([row], result.to, actor.id, null, changes);
      await also?.(row);
      return row;
    });
  }

  /** start, markDone: a teacher's own move on their own row. */
  async ownerTransition(
    actor: Actor,
    moduleId: string,
    requestedCohort: string | undefined,
    action: Extract<OwnerAction, 'start' | 'markDone'>,
  ): Promise<string> {
    const own = await this.ownModule(actor, moduleId, requestedCohort);
    await this.moveOwn(actor, own, action, moduleView(own.detail, false).locked, {});
    return own.cohort.cohortId;
  }

  /** submit or resubmit work: text and/or a file, validated before anything is stored. */
  async submitWork(
    actor: Actor,
    moduleId: string,
    requestedCohort: string | undefined,
    text: string | undefined,
    file: UploadedSubmissionFile | undefined,
  ): Promise<string> {
    const own = await this.ownModule(actor, moduleId, requestedCohort);
    const trimmed = text?.trim() ?? '';
    if (file) {
      const problem = checkSubmissionFile(file);
      if (problem) throw FormValidationException.field('file', `progress.errors.${problem}`);
    }
    if (!trimmed && !file && !own.detail.submissionFileName) throw FormValidationException.field('text', 'progress.errors.emptySubmission');
    const action = own.detail.status === 'returned' || own.detail.status === 'submitted' ? 'resubmit' : 'submit';
    const stored = file ? await this.files.save(file) : undefined;
    let replaced: LockedProgress;
    try {
      // Handing in is the start: a module not open yet (or whose prerequisites are not approved) takes nothing.
      replaced = await this.moveOwn(actor, own, action, moduleView(own.detail, false).locked, { submissionText: trimmed || null, ...(stored ? { file: stored } : {}) });
    } catch (error) {
      await this.files.remove(stored?.key);
      throw error;
    }
    if (stored) await this.files.remove(replaced.fileKey);
    return own.cohort.cohortId;
  }

  /**
   * The teacher takes back work nobody has reviewed yet, to keep editing it: it is in progress
   * again (what they wrote and their file stay), leaves the mentor's queue, and the history and
   * the audit log say so.
   */
  async withdrawWork(actor: Actor, moduleId: string, requestedCohort: string | undefined, ip: string | undefined): Promise<string> {
    const own = await this.ownModule(actor, moduleId, requestedCohort);
    await this.moveOwn(actor, own, 'withdraw', false, {}, (row) =>
      this.audit.record({
        actorId: actor.id,
        municipalityId: own.cohort.municipalityId,
        action: 'progress.withdrawn',
        subjectType: 'module_progress',
        subjectId: row.id,
        ip,
        details: { moduleId: row.moduleId, cohortId: row.cohortId },
      }),
    );
    return own.cohort.cohortId;
  }

  /** The form's model when a submission is refused: the module page again. */
  async submitFormModel(actor: Actor, moduleId: string, requestedCohort: string | undefined, language: Language) {
    return this.modulePage(actor, moduleId, requestedCohort, language);
  }

  /**
   * Submitted work (its text, its file, the review) stays between the teacher and their mentor
   * (SPEC §4: a department sees progress — statuses, counts, dates — not what teachers wrote).
   * So the queue and the review page are the mentor's alone; a department admin takes workshop
   * attendance, which carries no content.
   */
  async reviewQueue(actor: Actor, query: { page?: unknown; module?: unknown; teacher?: unknown }, language: Language) {
    const request = pageRequest(query.page, 25);
    const filters = { moduleId: optionalIdFilter(query.module), teacherId: optionalIdFilter(query.teacher) };
    const [{ items, total }, choices, workshops] = await Promise.all([
      this.progress.findReviewQueue(actor.id, request, filters, language),
      this.progress.findReviewQueueChoices(actor.id, language),
      this.progress.findAttendanceEvents(actor.id, administeredMunicipalityIds(actor), language),
    ]);
    const isMentor = actor.grants.some((g) => g.role === 'mentor');
    const params = new URLSearchParams();
    if (filters.moduleId) params.set('module', filters.moduleId);
    if (filters.teacherId) params.set('teacher', filters.teacherId);
    const base = params.size > 0 ? `/reviews?${params.toString()}` : '/reviews';
    const option = (kind: 'module' | 'teacher', selected: string | undefined) =>
      choices.filter((c) => c.kind === kind).map((c) => ({ ...c, selected: c.id === selected }));
    return {
      page: pageView(items, total, request, base),
      items,
      workshops: workshops.filter((w) => !w.isPast),
      pastWorkshops: workshops.filter((w) => w.isPast),
      hasWorkshops: workshops.length > 0,
      isMentor,
      filters,
      filtered: params.size > 0,
      moduleChoices: option('module', filters.moduleId),
      teacherChoices: option('teacher', filters.teacherId),
    };
  }

  private async reviewable(actor: Actor, progressId: string, action: ProgressPolicyAction, language: Language | null = null) {
    const row = await this.progress.findReviewable(progressId, actor.id, language);
    if (!row || !canProgress(actor, action, row)) throw new NotFoundError();
    return row;
  }

  async reviewPage(actor: Actor, progressId: string, language: Language) {
    const [item, history] = await Promise.all([this.reviewable(actor, progressId, 'openSubmission', language), this.progress.findHistorySinceMentor(progressId)]);
    const submissionFileName = item.submissionFileName === null ? null : safeFileName(item.submissionFileName);
    const previewable = item.submissionFileType !== null && PREVIEWABLE_TYPES.has(item.submissionFileType);
    return {
      item: { ...item, submissionFileName },
      history,
      canReview: item.status === 'submitted' && item.memberStatus === 'active',
      // Only the reviewer who approved, only for a few minutes: the server checks the same again.
      canUndo: item.status === 'approved' && item.reviewedBy === actor.id && item.recentlyReviewed && item.memberStatus === 'active',
      undoMinutes: UNDO_APPROVAL_MINUTES,
      previewImage: previewable && item.submissionFileType !== 'application/pdf',
      previewPdf: item.submissionFileType === 'application/pdf',
    };
  }

  async review(actor: Actor, progressId: string, action: 'approve' | 'return', comment: string | undefined, ip: string | undefined): Promise<void> {
    const item = await this.reviewable(actor, progressId, action);
    const text = comment?.trim() || null;
    await this.sql.transaction(async () => {
      const row = await this.progress.lockProgressById(progressId);
      if (!row) throw new NotFoundError();
      const result = transition(row.status, action, {
        method: item.completionMethod,
        relation: progressRelation(actor, action, item),
        memberWithdrawn: item.memberStatus === 'withdrawn',
        locked: false,
        comment: text ?? undefined,
      });
      if (!result.ok) throw refusalError(result.reason);
      // Approving takes an optional comment too ("approve with feedback"); the teacher reads it on the module.
      await this.progress.applyTransition([row], result.to, actor.id, text, { reviewed: true, mentorComment: text });
      await this.audit.record({
        actorId: actor.id,
        municipalityId: item.municipalityId,
        action: action === 'approve' ? 'progress.approved' : 'progress.returned',
        subjectType: 'module_progress',
        subjectId: row.id,
        ip,
        details: { teacherId: row.teacherId, moduleId: row.moduleId },
      });
      await this.notifications.notify({
        recipientId: row.teacherId,
        kind: action === 'approve' ? 'progress.approved' : 'progress.returned',
        vars: { module: item.moduleTitle, mentor: actor.displayName },
        link: `/path/modules/${row.moduleId}?cohort=${row.cohortId}`,
      });
    });
  }

  /**
   * The reviewer takes back their approval within UNDO_APPROVAL_MINUTES of making it (the database's
   * clock decides): the work waits for review again as it was handed in, the teacher is told, and
   * the history and the audit log say so. After the window, or someone else's approval: 409.
   */
  async undoApproval(actor: Actor, progressId: string, ip: string | undefined): Promise<void> {
    const item = await this.reviewable(actor, progressId, 'undoApproval');
    await this.sql.transaction(async () => {
      const row = await this.progress.lockProgressById(progressId);
      if (!row) throw new NotFoundError();
      const result = transition(row.status, 'undoApproval', {
        method: item.completionMethod,
        relation: progressRelation(actor, 'undoApproval', item),
        memberWithdrawn: item.memberStatus === 'withdrawn',
        locked: false,
        withinUndoWindow: row.reviewedBy === actor.id && row.recentlyReviewed,
      });
      if (!result.ok) throw refusalError(result.reason);
      await this.progress.applyTransition([row], result.to, actor.id, null, { undoReview: true });
      await this.audit.record({
        actorId: actor.id,
        municipalityId: item.municipalityId,
        action: 'progress.approval_undone',
        subjectType: 'module_progress',
        subjectId: row.id,
        ip,
        details: { teacherId: row.teacherId, moduleId: row.moduleId },
      });
      await this.notifications.notify({
        recipientId: row.teacherId,
        kind: 'progress.approvalUndone',
        vars: { module: item.moduleTitle, mentor: actor.displayName },
        link: `/path/modules/${row.moduleId}?cohort=${row.cohortId}`,
      });
    });
  }

  /** An image or a PDF handed in, to show inside the review page (or the teacher's own page); any other type is a 404 here. */
  async previewableFile(actor: Actor, progressId: string) {
    const file = await this.readableFile(actor, progressId);
    if (!PREVIEWABLE_TYPES.has(file.fileType)) throw new NotFoundError();
    return file;
  }

  async reviewFormModel(actor: Actor, progressId: string, language: Language) {
    return this.reviewPage(actor, progressId, language);
  }

  /** The workshop event with its module (named in `language`, as written when null) and the teachers whose attendance at it this person records. */
  private async attendanceScope(actor: Actor, cohortId: string, eventId: string, language: Language | null = null) {
    const event = await this.progress.findAttendanceEvent(cohortId, eventId, actor.id, administeredMunicipalityIds(actor), language);
    const reach = event ? attendanceReach(actor, event) : null;
    if (!event || !reach) throw new NotFoundError();
    if (event.completionMethod !== 'attendance') throw new ConflictError('progress.refused.wrongMethod');
    const roster = (await this.progress.findAttendanceRoster(cohortId, event.moduleId, eventId, actor.id, reach === 'cohort'))
      .map((teacher) => ({ ...teacher, municipalityId: event.municipalityId }))
      .filter((teacher) => canProgress(actor, 'recordAttendance', teacher));
    return { event, roster };
  }

  async attendancePage(actor: Actor, cohortId: string, eventId: string, language: Language) {
    const { event, roster } = await this.attendanceScope(actor, cohortId, eventId, language);
    return {
      cohortId,
      eventId,
      moduleId: event.moduleId,
      cohortName: event.cohortName,
      moduleTitle: event.moduleTitle,
      moduleTitleLanguage: event.moduleTitleLanguage,
      event: { ...event, cancelled: event.eventStatus === 'cancelled', timeKnown: event.startsAt !== null },
      // A teacher's module is complete once they attended any event of it: say so beside those recorded elsewhere.
      roster: roster.map((r) => ({
        ...r,
        attended: r.attendedHere,
        completedElsewhere: !r.attendedHere && r.status === 'approved',
        withdrawn: r.memberStatus === 'withdrawn',
      })),
    };
  }

  /**
   * Takes the register of a workshop event: the listed teachers attended it, and a teacher the form
   * showed whose box came back unticked did not. Attending an event of the module completes it (the
   * module's progress is approved, as attendance always did); taking back a teacher's only
   * attendance at the module's events takes the completion back too (correctAttendance). Each
   * teacher must be one this person may record for. However many teachers, the same few
   * statements: their rows are created and locked together, every move is checked here, then all
   * are written at once.
   */
  async recordAttendance(
    actor: Actor,
    cohortId: string,
    eventId: string,
    teacherIds: string[],
    shownIds: string[],
    ip: string | undefined,
  ): Promise<{ recorded: number; corrected: number }> {
    const { event, roster } = await this.attendanceScope(actor, cohortId, eventId);
    const moduleId = event.moduleId;
    const byId = new Map(roster.map((r) => [r.teacherId, r]));
    const wanted = [...new Set(teacherIds.map((id) => id.toLowerCase()))];
    // Only a teacher the form showed, and whose box came back unticked, is taken back: a request
    // that names no shown teachers (an older form, a script) changes nobody's recorded attendance.
    const unticked = [...new Set(shownIds.map((id) => id.toLowerCase()))].filter((id) => !wanted.includes(id));
    if (wanted.length === 0 && unticked.length === 0) throw FormValidationException.field('teacherIds', 'progress.errors.nobodySelected');
    if ([...wanted, ...unticked].some((id) => !byId.has(id))) throw new NotFoundError();
    return this.sql.transaction(async () => {
      const locked = await this.progress.lockWorkshopEvent(eventId);
      if (!locked) throw new NotFoundError();
      if (locked.status === 'cancelled') throw new ConflictError('workshops.errors.cancelled');
      const rows = new Map((await this.progress.lockProgressRows(cohortId, moduleId, [...wanted, ...unticked])).map((row) => [row.teacherId, row]));
      const state = new Map((await this.progress.attendanceState(cohortId, moduleId, eventId, [...wanted, ...unticked])).map((s) => [s.teacherId, s]));
      const adding = wanted.filter((id) => !state.get(id)!.attendedHere);
      const removing = unticked.filter((id) => state.get(id)!.attendedHere);
      const moving = adding.map((id) => rows.get(id)!).filter((row) => row.status !== 'approved');
      // The module stays complete for a teacher who attended another of its events.
      const takingBack = removing.map((id) => rows.get(id)!).filter((row) => row.status === 'approved' && !state.get(row.teacherId)!.attendedElsewhere);
      for (const id of [...adding, ...removing]) {
        if (byId.get(id)!.memberStatus === 'withdrawn') throw refusalError('withdrawn');
      }
      for (const [row, action] of [...moving.map((r) => [r, 'recordAttendance'] as const), ...takingBack.map((r) => [r, 'correctAttendance'] as const)]) {
        const teacher = byId.get(row.teacherId)!;
        const result = transition(row.status, action, {
          method: 'attendance',
          relation: progressRelation(actor, 'recordAttendance', teacher),
          memberWithdrawn: teacher.memberStatus === 'withdrawn',
          locked: false,
        });
        if (!result.ok) throw refusalError(result.reason);
      }
      await this.progress.addWorkshopAttendance(eventId, adding, actor.id);
      await this.progress.removeWorkshopAttendance(eventId, removing);
      await this.progress.applyTransition(moving, 'approved', actor.id, null, { reviewed: true });
      await this.progress.applyTransition(takingBack, 'not_started', actor.id, null, { undoReview: true });
      const entry = { actorId: actor.id, municipalityId: event.municipalityId, subjectType: 'cohort', subjectId: cohortId, ip } as const;
      // Each teacher marked present is an approval, and each taken back undoes one: the audit names them.
      if (adding.length > 0) {
        await this.audit.record({ ...entry, action: 'progress.attendance_recorded', details: { moduleId, eventId, teachers: adding.length, teacherIds: adding } });
      }
      if (removing.length > 0) {
        await this.audit.record({ ...entry, action: 'progress.attendance_corrected', details: { moduleId, eventId, teachers: removing.length, teacherIds: removing } });
      }
      return { recorded: adding.length, corrected: removing.length };
    });
  }

  async attendanceFormModel(actor: Actor, cohortId: string, eventId: string, language: Language) {
    return this.attendancePage(actor, cohortId, eventId, language);
  }

  async readableFile(actor: Actor, progressId: string) {
    const file = await this.progress.findReadableFile(progressId, actor.id);
    if (!file || !canProgress(actor, 'downloadFile', file)) throw new NotFoundError();
    const path = this.files.path(file.fileKey);
    if (!(await this.files.exists(file.fileKey))) throw new NotFoundError();
    return { ...file, fileName: safeFileName(file.fileName), path };
  }

  /**
   * What the teacher's certificate says: only their own, only once they completed the cohort.
   * Before that, the page that says which completion rules are still unmet.
   */
  async certificateDetails(actor: Actor, requestedCohort: string | undefined, language: Language): Promise<CertificateOutcome> {
    const { cohort } = await this.teacherCohort(actor, requestedCohort, language);
    if (!cohort) throw new NotFoundError();
    const [standing, details] = await Promise.all([
      this.completion.findTeacherStatus(cohort.cohortId, actor.id),
      this.progress.findCertificateDetails(cohort.cohortId, actor.id, language),
    ]);
    if (!standing || !details) throw new NotFoundError();
    if (standing.status !== 'completed') return { ok: false, page: refusedCertificatePage(cohort, standing) };
    return { ok: true, details };
  }
}
