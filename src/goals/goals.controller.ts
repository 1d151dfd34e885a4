import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import { UuidParam } from '../common/params.js';
import { flash } from '../common/web/language.middleware.js';
import { CheckInDto, GoalCommentDto, GoalDto, GoalStatusDto } from './dto/goals.dto.js';
import { GoalsService } from './goals.service.js';

@Controller('goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Get()
  @RequirePermission('learning.participate')
  @Render('goals/index')
  index(@CurrentActor() actor: Actor, @Query('page') page: unknown) {
    return this.goals.list(actor, page);
  }

  @Get('mentees')
  @RequirePermission('mentoring.review')
  @Render('goals/mentees')
  mentees(@CurrentActor() actor: Actor, @Query('page') page: unknown) {
    return this.goals.mentees(actor, page);
  }

  @Get('new')
  @RequirePermission('learning.participate')
  @Render('goals/form')
  newForm() {
    return this.goals.newForm();
  }

  @Post()
  @RequirePermission('learning.participate')
  @FormView('goals/form', 'newFormModel')
  async create(@CurrentActor() actor: Actor, @Body() body: GoalDto, @Req() req: Request, @Res() res: Response) {
    const id = await this.goals.create(actor, body);
    flash(req, 'success', 'goals.flash.saved');
    res.redirect(303, `/goals/${id}`);
  }

  async newFormModel() {
    return this.goals.formModel();
  }

  @Get(':id')
  @Render('goals/show')
  show(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.goals.show(actor, id);
  }

  @Get(':id/edit')
  @RequirePermission('learning.participate')
  @Render('goals/form')
  editForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.goals.editForm(actor, id);
  }

  @Post(':id/edit')
  @RequirePermission('learning.participate')
  @FormView('goals/form', 'editFormModel')
  async update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: GoalDto, @Req() req: Request, @Res() res: Response) {
    await this.goals.update(actor, id, body);
    flash(req, 'success', 'goals.flash.saved');
    res.redirect(303, `/goals/${id}`);
  }

  async editFormModel(req: Request) {
    return this.goals.editFormModel(req.user as Actor, String(req.params.id));
  }

  @Post(':id/check-ins')
  @RequirePermission('learning.participate')
  @FormView('goals/show', 'showModel')
  async checkIn(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: CheckInDto, @Req() req: Request, @Res() res: Response) {
    await this.goals.checkIn(actor, id, body);
    flash(req, 'success', 'goals.flash.checkedIn');
    res.redirect(303, `/goals/${id}`);
  }

  @Post(':id/status')
  @RequirePermission('learning.participate')
  @FormView('goals/show', 'showModel')
  async status(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: GoalStatusDto, @Req() req: Request, @Res() res: Response) {
    await this.goals.setStatus(actor, id, body);
    flash(req, 'success', `goals.flash.${body.status}`);
    res.redirect(303, `/goals/${id}`);
  }

  @Post(':id/comments')
  @FormView('goals/show', 'showModel')
  async comment(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: GoalCommentDto, @Req() req: Request, @Res() res: Response) {
    await this.goals.comment(actor, id, body);
    flash(req, 'success', 'goals.flash.commented');
    res.redirect(303, `/goals/${id}#timeline`);
  }

  async showModel(req: Request) {
    return this.goals.show(req.user as Actor, String(req.params.id));
  }
}
