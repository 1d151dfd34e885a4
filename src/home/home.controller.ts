import { Controller, Get, Query, Render } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/guards.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import type { Language } from '../common/i18n/language.js';
import { HomeService } from './home.service.js';

@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  /** One section per role the person holds, each pointing at where that role's work is; `?sort=&status=` order the mentor's mentees. */
  @Get()
  @Render('home/index')
  index(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query() query: Record<string, unknown>) {
    return this.home.dashboard(actor, lang, query);
  }
}
