import { Module } from '@nestjs/common';
import { JobRunner } from './job-runner';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

/** The PostgreSQL-backed job queue and its runner; feature modules register handlers per job kind. */
@Module({
  controllers: [JobsController],
  providers: [JobsService, JobRunner],
  exports: [JobsService, JobRunner],
})
export class JobsModule {}
