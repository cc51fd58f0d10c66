import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RegionsModule } from '../regions/regions.module';
import { UsersModule } from '../users/users.module';
import { AnnualRequirementController, CohortsController } from './cohorts.controller';
import { CohortsService } from './cohorts.service';
import { CompletionService } from './completion.service';
import { DashboardService } from './dashboard.service';
import { EnrolmentService } from './enrolment.service';
import { ExportService } from './export/export.service';
import { ImportService } from './import/import.service';
import { ReconcileService } from './reconcile.service';
import { TraineesService } from './trainees.service';

/** Cohorts, enrolment (individual, by rule, by import), completion counts, the dashboard and exports. */
@Module({
  imports: [JobsModule, NotificationsModule, RegionsModule, UsersModule],
  controllers: [CohortsController, AnnualRequirementController],
  providers: [
    CohortsService,
    CompletionService,
    DashboardService,
    EnrolmentService,
    ExportService,
    ImportService,
    ReconcileService,
    TraineesService,
  ],
  exports: [CompletionService, TraineesService],
})
export class CohortsModule {}
