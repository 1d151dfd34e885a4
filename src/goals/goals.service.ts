import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import { pageRequest, pageView } from '../common/pagination.js';
import { Sql } from '../database/sql.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { canPortfolio, type PortfolioAction, readersStatement } from '../portfolio/portfolio.policy.js';
import { PortfolioRepository } from '../portfolio/portfolio.repository.js';
import type { CheckInDto, GoalCommentDto, GoalDto, GoalStatusDto } from './dto/goals.dto.js';
import { GOAL_FRAMES, type GoalFields, type GoalRow, GoalsRepository } from './goals.repository.js';

/** A real calendar day (not 2026-02-30). */
function realDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** Today on the person's city calendar (Israel's by default), as YYYY-MM-DD. */
function todayFor(actor: Actor): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: actor.municipalityTimeZone ?? 'Asia/Jerusalem', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * Personal-education goals (Me / You / Us): the owner writes and checks in; their current mentor of
 * record reads and comments. The portfolio policy decides who reads a goal.
 */
@Injectable()
export class GoalsService {
  constructor(
    private readonly sql: Sql,
    private readonly goals: GoalsRepository,
    private readonly portfolio: PortfolioRepository,
    private readonly notifications: NotificationsService,
  ) {}

  private async goalFor(actor: Actor, id: string, action: PortfolioAction): Promise<GoalRow> {
    const goal = await this.goals.findForViewer(id, actor.id);
    if (!goal || !canPortfolio(actor, action, { authorId: goal.ownerId, viewerIsMentor: goal.viewerIsMentor, viewerIsCohortMate: goal.viewerIsCohortMate }))
      throw new NotFoundError();
    return goal;
  }

  async list(actor: Actor, rawPage: unknown) {
    const request = pageRequest(rawPage, 25);
    const [{ items, total }, readers] = await Promise.all([this.goals.listOwn(actor.id, request), this.portfolio.readers(actor.id)]);
    return {
      items: items.map((g) => ({ ...g, frameKey: `goals.frame.${g.frame}`, statusKey: `goals.status.${g.status}` })),
      page: pageView(items, total, request, '/goals'),
      isEmpty: total === 0,
      readers: readersStatement('goal', { isAuthor: true }, readers),
    };
  }

  async mentees(actor: Actor, rawPage: unknown) {
    const request = pageRequest(rawPage, 25);
    const { items, total } = await this.goals.listMentees(actor.id, request);
    return {
      items: items.map((g) => ({ ...g, frameKey: `goals.frame.${g.frame}`, statusKey: `goals.status.${g.status}` })),
      page: pageView(items, total, request, '/goals/mentees'),
      isEmpty: total === 0,
    };
  }

  formModel(goal?: GoalRow) {
    return {
      isNew: !goal,
      goal,
      action: goal ? `/goals/${goal.id}/edit` : '/goals',
      frames: GOAL_FRAMES.map((f) => ({ value: f, labelKey: `goals.frame.${f}`, hintKey: `goals.frameHint.${f}` })),
    };
  }

  newForm() {
    return { ...this.formModel(), values: { frame: 'me', checkInEveryDays: 14 } };
  }

  async editForm(actor: Actor, id: string) {
    const goal = await this.goalFor(actor, id, 'editGoal');
    return {
      ...this.formModel(goal),
      values: { frame: goal.frame, what: goal.what, why: goal.why, evidence: goal.evidence, targetOn: goal.targetOn ?? '', checkInEveryDays: goal.checkInEveryDays },
    };
  }

  async editFormModel(actor: Actor, id: string) {
    return this.formModel(await this.goalFor(actor, id, 'editGoal'));
  }

  private fields(dto: GoalDto): GoalFields {
    if (dto.targetOn && !realDay(dto.targetOn)) throw FormValidationException.field('targetOn', 'goals.errors.day');
    return { frame: dto.frame, what: dto.what, why: dto.why ?? '', evidence: dto.evidence ?? '', targetOn: dto.targetOn ?? null, checkInEveryDays: dto.checkInEveryDays };
  }

  async create(actor: Actor, dto: GoalDto): Promise<string> {
    return this.goals.insert(actor.id, this.fields(dto));
  }

  async update(actor: Actor, id: string, dto: GoalDto): Promise<void> {
    await this.goalFor(actor, id, 'editGoal');
    if (!(await this.goals.update(id, actor.id, this.fields(dto)))) throw new NotFoundError();
  }

  async show(actor: Actor, id: string) {
    const goal = await this.goalFor(actor, id, 'readGoal');
    const own = goal.ownerId === actor.id;
    const [readers, timeline] = await Promise.all([this.portfolio.readers(goal.ownerId), this.goals.timeline(id, actor.id)]);
    return {
      goal,
      own,
      frameKey: `goals.frame.${goal.frame}`,
      statusKey: `goals.status.${goal.status}`,
      readers: readersStatement('goal', { isAuthor: own }, readers),
      timeline: timeline.map((item) => ({ ...item, isCheckIn: item.kind === 'check_in', isEntry: item.kind === 'entry', isComment: item.kind === 'comment', isActionItem: item.kind === 'action_item' })),
      mayComment: canPortfolio(actor, 'commentGoal', { authorId: goal.ownerId, viewerIsMentor: goal.viewerIsMentor, viewerIsCohortMate: false }),
      today: todayFor(actor),
      ratings: ['1', '2', '3', '4', '5'],
      active: goal.status === 'active',
      statusChoices: (['achieved', 'dropped', 'active'] as const).filter((s) => s !== goal.status).map((s) => ({ value: s, labelKey: `goals.statusAction.${s}` })),
    };
  }

  async checkIn(actor: Actor, id: string, dto: CheckInDto): Promise<void> {
    await this.goalFor(actor, id, 'editGoal');
    const day = dto.day ?? todayFor(actor);
    if (!realDay(day) || day > todayFor(actor)) throw FormValidationException.field('day', 'goals.errors.checkInDay');
    await this.goals.insertCheckIn(id, day, dto.note, dto.rating);
  }

  async setStatus(actor: Actor, id: string, dto: GoalStatusDto): Promise<void> {
    await this.goalFor(actor, id, 'editGoal');
    if (!(await this.goals.setStatus(id, actor.id, dto.status, dto.note || null))) throw new NotFoundError();
  }

  /** A note on the goal by its owner or their mentor; the other side is told. */
  async comment(actor: Actor, id: string, dto: GoalCommentDto): Promise<void> {
    const goal = await this.goalFor(actor, id, 'commentGoal');
    await this.sql.transaction(async () => {
      await this.goals.insertComment(id, actor.id, dto.body);
      const recipients =
        goal.ownerId === actor.id ? (await this.portfolio.readers(goal.ownerId)).mentorIds.filter((m) => m !== actor.id) : [goal.ownerId];
      await this.notifications.notify(
        ...recipients.map((recipientId) => ({ recipientId, kind: 'goals.comment', vars: { name: actor.displayName, goal: goal.what }, link: `/goals/${id}` })),
      );
    });
  }
}
