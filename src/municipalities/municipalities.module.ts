import { Module } from '@nestjs/common';
import { MunicipalitiesController } from './municipalities.controller.js';
import { MunicipalitiesRepository } from './municipalities.repository.js';
import { MunicipalitiesService } from './municipalities.service.js';
import { MunicipalityChoice } from './municipality-choice.js';

@Module({
  controllers: [MunicipalitiesController],
  providers: [MunicipalitiesService, MunicipalitiesRepository, MunicipalityChoice],
  exports: [MunicipalitiesRepository, MunicipalityChoice],
})
export class MunicipalitiesModule {}
