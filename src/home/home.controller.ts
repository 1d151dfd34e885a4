import { Controller, Get, Render } from '@nestjs/common';
import { CurrentActor } from '../auth/guards.js';
import { type Actor, roleNames } from '../auth/actor.js';

@Controller()
export class HomeController {
  /** One card per role the person holds, each pointing at where that role's work is. */
  @Get()
  @Render('home/index')
  home(@CurrentActor() actor: Actor) {
    const roles = roleNames(actor);
    return {
      titleKey: 'home.title',
      cards: roles.map((role) => ({ role, titleKey: `home.cards.${role}.title`, bodyKey: `home.cards.${role}.body` })),
      hasNoRole: roles.length === 0,
    };
  }
}
