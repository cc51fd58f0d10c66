import { Module } from '@nestjs/common';
import { CurriculumModule } from '../curriculum/curriculum.module';
import { MediaModule } from '../media/media.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PostImagesService } from './post-images.service';
import { ModerationService } from './moderation.service';
import { CommentsService } from './comments.service';
import { PostsService } from './posts.service';
import { SharingController } from './sharing.controller';

/** 书记讲给书记听: experience sharing among village secretaries. */
@Module({
  imports: [NotificationsModule, CurriculumModule, MediaModule],
  controllers: [SharingController],
  providers: [PostsService, CommentsService, ModerationService, PostImagesService],
})
export class SharingModule {}
