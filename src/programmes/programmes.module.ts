import { Module } from '@nestjs/common';
import { ProgrammeTranslationsController } from './programme-translations.controller.js';
import { ProgrammeTranslationsService } from './programme-translations.service.js';
import { ProgrammesController } from './programmes.controller.js';
import { ProgrammesRepository } from './programmes.repository.js';
import { ProgrammesService } from './programmes.service.js';

@Module({
  controllers: [ProgrammesController, ProgrammeTranslationsController],
  providers: [ProgrammesRepository, ProgrammesService, ProgrammeTranslationsService],
  exports: [ProgrammesRepository, ProgrammesService],
})
export class ProgrammesModule {}
