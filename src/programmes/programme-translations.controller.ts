import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { isUuid, UuidParam } from '../common/params.js';
import { flash } from '../common/web/language.middleware.js';
import { ModuleTextsDto, TitleAndDescriptionTextsDto } from './dto/translation.dto.js';
import { ProgrammeTranslationsService, type TextOwnerRef } from './programme-translations.service.js';

const programmeRef = (programmeId: string): TextOwnerRef => ({ kind: 'programme', programmeId });
const phaseRef = (programmeId: string, recordId: string): TextOwnerRef => ({ kind: 'phase', programmeId, recordId });
const moduleRef = (programmeId: string, recordId: string): TextOwnerRef => ({ kind: 'module', programmeId, recordId });

/**
 * Translations of a programme's, a phase's or a module's texts, one page per language:
 * /programmes/:id[/phases/:phaseId | /modules/:moduleId]/translations/:language (and …/delete).
 */
@Controller('programmes/:id')
@RequirePermission('programme.manage')
export class ProgrammeTranslationsController {
  constructor(private readonly translations: ProgrammeTranslationsService) {}

  /** The form again with what was typed, when a translation is refused; the record from the address. */
  formModel(req: Request, lang: Language) {
    const { id, phaseId, moduleId, language } = req.params as Record<string, string>;
    const ref = isUuid(phaseId) ? phaseRef(id, phaseId) : isUuid(moduleId) ? moduleRef(id, moduleId) : programmeRef(id);
    return this.translations.form(req.user as Actor, ref, language, lang);
  }

  private async saved(actor: Actor, ref: TextOwnerRef, language: string, body: object, req: Request, res: Response): Promise<void> {
    const owner = await this.translations.save(actor, ref, language, body as Record<string, string>);
    flash(req, 'success', 'programmes.flash.translationSaved');
    res.redirect(303, owner.backHref);
  }

  private async removed(actor: Actor, ref: TextOwnerRef, language: string, req: Request, res: Response): Promise<void> {
    const owner = await this.translations.remove(actor, ref, language, req.ip);
    flash(req, 'success', 'programmes.flash.translationRemoved');
    res.redirect(303, owner.backHref);
  }

  // The programme's own texts

  @Get('translations/:language')
  @Render('programmes/translation-form')
  programmeForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Param('language') language: string, @PageLanguage() lang: Language) {
    return this.translations.form(actor, programmeRef(id), language, lang);
  }

  @Post('translations/:language')
  @FormView('programmes/translation-form', 'formModel')
  saveProgramme(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Param('language') language: string,
    @Body() body: TitleAndDescriptionTextsDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.saved(actor, programmeRef(id), language, body, req, res);
  }

  @Get('translations/:language/delete')
  @Render('programmes/translation-delete')
  confirmRemoveProgramme(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Param('language') language: string, @PageLanguage() lang: Language) {
    return this.translations.removal(actor, programmeRef(id), language, lang);
  }

  @Post('translations/:language/delete')
  removeProgramme(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Param('language') language: string, @Req() req: Request, @Res() res: Response) {
    return this.removed(actor, programmeRef(id), language, req, res);
  }

  // A phase's texts

  @Get('phases/:phaseId/translations/:language')
  @Render('programmes/translation-form')
  phaseForm(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('phaseId') phaseId: string,
    @Param('language') language: string,
    @PageLanguage() lang: Language,
  ) {
    return this.translations.form(actor, phaseRef(id, phaseId), language, lang);
  }

  @Post('phases/:phaseId/translations/:language')
  @FormView('programmes/translation-form', 'formModel')
  savePhase(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('phaseId') phaseId: string,
    @Param('language') language: string,
    @Body() body: TitleAndDescriptionTextsDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.saved(actor, phaseRef(id, phaseId), language, body, req, res);
  }

  @Get('phases/:phaseId/translations/:language/delete')
  @Render('programmes/translation-delete')
  confirmRemovePhase(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('phaseId') phaseId: string,
    @Param('language') language: string,
    @PageLanguage() lang: Language,
  ) {
    return this.translations.removal(actor, phaseRef(id, phaseId), language, lang);
  }

  @Post('phases/:phaseId/translations/:language/delete')
  removePhase(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('phaseId') phaseId: string,
    @Param('language') language: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.removed(actor, phaseRef(id, phaseId), language, req, res);
  }

  // A module's texts

  @Get('modules/:moduleId/translations/:language')
  @Render('programmes/translation-form')
  moduleForm(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @Param('language') language: string,
    @PageLanguage() lang: Language,
  ) {
    return this.translations.form(actor, moduleRef(id, moduleId), language, lang);
  }

  @Post('modules/:moduleId/translations/:language')
  @FormView('programmes/translation-form', 'formModel')
  saveModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @Param('language') language: string,
    @Body() body: ModuleTextsDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.saved(actor, moduleRef(id, moduleId), language, body, req, res);
  }

  @Get('modules/:moduleId/translations/:language/delete')
  @Render('programmes/translation-delete')
  confirmRemoveModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @Param('language') language: string,
    @PageLanguage() lang: Language,
  ) {
    return this.translations.removal(actor, moduleRef(id, moduleId), language, lang);
  }

  @Post('modules/:moduleId/translations/:language/delete')
  removeModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @Param('language') language: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.removed(actor, moduleRef(id, moduleId), language, req, res);
  }
}
