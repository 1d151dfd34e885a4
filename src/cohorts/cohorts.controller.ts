import { Body, Controller, Get, Post, Query, Render, Req, Res, UploadedFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { PasswordLinks } from '../auth/password-links.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import { FormView } from '../common/forms/form-view.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { pageRequest } from '../common/pagination.js';
import { isUuid, UuidParam } from '../common/params.js';
import { MultipartForm, type UploadOptions } from '../common/web/csrf-after-multer.js';
import { flash } from '../common/web/language.middleware.js';
import { AttendanceDto } from '../progress/dto/progress.dto.js';
import { ProgressService } from '../progress/progress.service.js';
import { CohortsService } from './cohorts.service.js';
import { AddMembersDto, CohortDto, GroupAssignmentDto, GroupAssignmentsDto, GroupDto, MemberNoteDto, RosterImportDto, WindowsDto } from './dto/cohort.dto.js';
import { RosterImportService } from './roster-import.service.js';
import { ROSTER_MAX_BYTES } from './roster-csv.js';

const rosterUpload: UploadOptions = {
  limits: { fileSize: ROSTER_MAX_BYTES, files: 1, fields: 3, parts: 4 },
  fileFilter: (_req, file, accept) => {
    if (/\.(csv|txt)$/i.test(file.originalname)) accept(null, true);
    else accept(FormValidationException.field('file', 'cohorts.roster.errors.notCsv'), false);
  },
};

/** A path id read by a form-model method, which gets the request rather than the route's checked parameters. */
function pathId(req: Request, name: string): string {
  const id = req.params[name];
  if (!isUuid(id)) throw new NotFoundError();
  return id.toLowerCase();
}

/** Starting a cohort is a nested resource of its programme. */
@Controller('programmes/:id/cohorts')
@RequirePermission('cohort.manage')
export class ProgrammeCohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  @Get('new')
  @Render('cohorts/new')
  newForm(@CurrentActor() actor: Actor, @UuidParam('id') programmeId: string, @PageLanguage() lang: Language) {
    return this.cohorts.newCohortForm(actor, programmeId, lang);
  }

  async newFormModel(req: Request, lang: Language) {
    return this.cohorts.newCohortForm(req.user as Actor, pathId(req, 'id'), lang);
  }

  @Post()
  @FormView('cohorts/new', 'newFormModel')
  async create(
    @CurrentActor() actor: Actor,
    @UuidParam('id') programmeId: string,
    @Body() body: CohortDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const id = await this.cohorts.create(actor, programmeId, body, req.ip);
    flash(req, 'success', 'cohorts.flash.created');
    res.redirect(303, `/cohorts/${id}`);
  }
}

/**
 * Managing a cohort: dates, module windows, members, mentor groups, roster import. (Its page and
 * the list of cohorts are CohortReportsController's, its workshops' registers CohortAttendanceController's.)
 */
@Controller('cohorts/:id')
@RequirePermission('cohort.manage')
export class CohortsController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly roster: RosterImportService,
    private readonly passwordLinks: PasswordLinks,
  ) {}

  @Get('edit')
  @Render('cohorts/edit')
  edit(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.cohorts.editForm(actor, id, lang);
  }

  async editFormModel(req: Request, lang: Language) {
    return this.cohorts.editForm(req.user as Actor, pathId(req, 'id'), lang);
  }

  @Post('edit')
  @FormView('cohorts/edit', 'editFormModel')
  async update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: CohortDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.cohorts.update(actor, id, body, req.ip);
    flash(req, 'success', 'cohorts.flash.saved');
    res.redirect(303, `/cohorts/${id}`);
  }

  @Get('windows')
  @Render('cohorts/windows')
  windows(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.cohorts.windowsForm(actor, id, lang);
  }

  async windowsFormModel(req: Request, lang: Language) {
    return this.cohorts.windowsForm(req.user as Actor, pathId(req, 'id'), lang);
  }

  @Post('windows')
  @FormView('cohorts/windows', 'windowsFormModel')
  async saveWindows(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: WindowsDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.cohorts.saveWindows(actor, id, body, req.ip);
    flash(req, 'success', 'cohorts.flash.windowsSaved');
    res.redirect(303, `/cohorts/${id}/windows`);
  }

  @Get('members')
  @Render('cohorts/members')
  members(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language, @Query() query: Record<string, unknown>) {
    return this.cohorts.members(actor, id, query, pageRequest(query.page), lang);
  }

  @Get('members/new')
  @Render('cohorts/members-new')
  newMembers(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language, @Query() query: Record<string, unknown>) {
    return this.cohorts.candidates(actor, id, query, pageRequest(query.page), lang);
  }

  async newMembersModel(req: Request, lang: Language) {
    return this.cohorts.candidates(req.user as Actor, pathId(req, 'id'), { role: req.body?.role }, pageRequest(undefined), lang);
  }

  @Post('members')
  @FormView('cohorts/members-new', 'newMembersModel')
  async addMembers(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: AddMembersDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const count = await this.cohorts.addMembers(actor, id, body, req.ip);
    flash(req, 'success', count > 0 ? 'cohorts.flash.membersAdded' : 'cohorts.flash.nobodyNew');
    res.redirect(303, `/cohorts/${id}/members`);
  }

  @Get('members/:memberId')
  @Render('cohorts/member')
  member(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('memberId') memberId: string, @PageLanguage() lang: Language) {
    return this.cohorts.member(actor, id, memberId, lang);
  }

  @Get('members/:memberId/withdraw')
  @Render('cohorts/withdraw')
  confirmWithdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('memberId') memberId: string, @PageLanguage() lang: Language) {
    return this.cohorts.member(actor, id, memberId, lang);
  }

  async withdrawModel(req: Request, lang: Language) {
    return this.cohorts.member(req.user as Actor, pathId(req, 'id'), pathId(req, 'memberId'), lang);
  }

  @Post('members/:memberId/withdraw')
  @FormView('cohorts/withdraw', 'withdrawModel')
  async withdraw(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('memberId') memberId: string,
    @Body() body: MemberNoteDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.cohorts.changeStatus(actor, id, memberId, 'withdrawn', body, req.ip);
    flash(req, 'success', 'cohorts.flash.withdrawn');
    res.redirect(303, `/cohorts/${id}/members/${memberId}`);
  }

  @Post('members/:memberId/readmit')
  @FormView('cohorts/member', 'withdrawModel')
  async readmit(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('memberId') memberId: string,
    @Body() body: MemberNoteDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.cohorts.changeStatus(actor, id, memberId, 'active', body, req.ip);
    flash(req, 'success', 'cohorts.flash.readmitted');
    res.redirect(303, `/cohorts/${id}/members/${memberId}`);
  }

  @Get('groups')
  @Render('cohorts/groups')
  groups(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language, @Query('page') page?: string) {
    return this.cohorts.groups(actor, id, pageRequest(page), lang);
  }

  async groupsModel(req: Request, lang: Language) {
    return this.cohorts.groups(req.user as Actor, pathId(req, 'id'), pageRequest(undefined), lang);
  }

  @Post('groups')
  @FormView('cohorts/groups', 'groupsModel')
  async createGroup(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: GroupDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.cohorts.createGroup(actor, id, body, req.ip);
    flash(req, 'success', 'cohorts.flash.groupCreated');
    res.redirect(303, `/cohorts/${id}/groups`);
  }

  @Post('groups/assignments')
  async assignGroup(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: GroupAssignmentDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.cohorts.assignGroup(actor, id, body, req.ip);
    flash(req, 'success', 'cohorts.flash.groupAssigned');
    res.redirect(303, `/cohorts/${id}/groups`);
  }

  /** The groups of a page of teachers, chosen in one form and saved at once. */
  @Post('groups/teachers')
  async assignGroups(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: GroupAssignmentsDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const moved = await this.cohorts.assignGroupsFromForm(actor, id, body, req.ip);
    if (moved > 0) flash(req, 'success', 'admin.groups.saved', { count: moved });
    else flash(req, 'success', 'admin.groups.unchanged');
    res.redirect(303, `/cohorts/${id}/groups`);
  }

  @Get('roster')
  @Render('cohorts/roster')
  rosterForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.cohorts.rosterForm(actor, id, lang);
  }

  async rosterModel(req: Request, lang: Language) {
    return this.cohorts.rosterForm(req.user as Actor, pathId(req, 'id'), lang);
  }

  /** A bad file or any bad row: nothing imported, the report shown with 422. */
  @Post('roster')
  @MultipartForm('file', rosterUpload)
  @FormView('cohorts/roster', 'rosterModel')
  async importRoster(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Body() body: RosterImportDto,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.roster.import(actor, id, file?.buffer, req.ip, lang);
    if (!outcome.ok) return res.status(422).render('cohorts/roster', { ...outcome.page, values: { sendInvite: body.sendInvite } });
    const inviting = body.sendInvite === 'yes' && outcome.createdIds.length > 0;
    // After the response, as every invitation: its timing says nothing about who already had an account.
    if (inviting) res.once('close', () => this.passwordLinks.inviteInBackground(actor.id, outcome.createdIds, req.ip));
    flash(req, 'success', inviting ? 'cohorts.flash.rosterImportedAndInvited' : 'cohorts.flash.rosterImported', { invited: outcome.createdIds.length });
    res.redirect(303, `/cohorts/${id}/members`);
  }
}

/**
 * A workshop event's register, a nested resource of the cohort's event. Mentors take it for their own group as
 * the city's department does, so it is not behind `cohort.manage` alone; who may take which
 * register is the progress feature's rule.
 */
@Controller('cohorts/:id/workshops/:eventId/attendance')
@RequirePermission('mentoring.review', 'cohort.manage')
export class CohortAttendanceController {
  constructor(private readonly progress: ProgressService) {}

  @Get()
  @Render('cohorts/attendance')
  attendance(@CurrentActor() actor: Actor, @UuidParam('id') cohortId: string, @UuidParam('eventId') eventId: string, @PageLanguage() lang: Language) {
    return this.progress.attendancePage(actor, cohortId, eventId, lang);
  }

  async attendanceFormModel(req: Request, lang: Language) {
    return this.progress.attendanceFormModel(req.user as Actor, pathId(req, 'id'), pathId(req, 'eventId'), lang);
  }

  @Post()
  @FormView('cohorts/attendance', 'attendanceFormModel')
  async recordAttendance(
    @CurrentActor() actor: Actor,
    @UuidParam('id') cohortId: string,
    @UuidParam('eventId') eventId: string,
    @Body() body: AttendanceDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { recorded, corrected } = await this.progress.recordAttendance(actor, cohortId, eventId, body.teacherIds, body.shownIds, req.ip);
    flash(req, 'success', corrected > 0 ? 'reviews.flash.attendanceCorrected' : recorded > 0 ? 'reviews.flash.attendance' : 'reviews.flash.attendanceUnchanged', { recorded, corrected });
    res.redirect(303, `/cohorts/${cohortId}/workshops/${eventId}/attendance`);
  }
}
