import { Module } from '@nestjs/common';
import { CurriculumModule } from '../curriculum/curriculum.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ModerationService } from './moderation.service';
import { CommentsService } from './comments.service';
import { PostsService } from './posts.service';
import { SharingController } from './sharing.controller';

/** 书记讲给书记听: experience sharing among village secretaries. */
@Module({
  imports: [NotificationsModule, CurriculumModule],
  controllers: [SharingController],
  providers: [PostsService, CommentsService, ModerationService],
})
export class SharingModule {}
