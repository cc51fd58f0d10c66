import { Module } from '@nestjs/common';
import { AuthoringService } from './authoring.service';
import { CurriculumController } from './curriculum.controller';
import { ProgramsController } from './programs.controller';
import { ProgramsService } from './programs.service';
import { ModuleSettingsCheck } from './module-settings-check';

@Module({
  controllers: [CurriculumController, ProgramsController],
  providers: [AuthoringService, ProgramsService, ModuleSettingsCheck],
  exports: [AuthoringService, ProgramsService],
})
export class CurriculumModule {}
