import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { MentoringController } from './mentoring.controller';
import { MentorProfilesService } from './mentor-profiles.service';
import { MentorshipWorkService } from './mentorship-work.service';
import { MentoringOversightService } from './oversight.service';
import { PairingsService } from './pairings.service';

/** 导师帮带: mentor profiles, pairing with suggestions, and the plan, log and messages of a pairing. */
@Module({
  imports: [NotificationsModule],
  controllers: [MentoringController],
  providers: [MentorProfilesService, PairingsService, MentorshipWorkService, MentoringOversightService],
})
export class MentoringModule {}
