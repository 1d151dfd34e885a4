import { Controller, Get, Render, Req } from '@nestjs/common';
import type { Request } from 'express';
import { CurrentActor } from '../auth/guards.js';
import type { Actor } from '../auth/actor.js';
import { resolveLanguage } from '../common/web/language.middleware.js';
import { HomeService } from './home.service.js';

@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  /** One section per role the person holds, each pointing at where that role's work is. */
  @Get()
  @Render('home/index')
  index(@CurrentActor() actor: Actor, @Req() req: Request) {
    return this.home.dashboard(actor, resolveLanguage(req));
  }
}
