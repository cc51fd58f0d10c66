import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { CommentsService } from './comments.service';
import { PostsService } from './posts.service';
import { SharingController } from './sharing.controller';

/** 书记讲给书记听: experience sharing among village secretaries. */
@Module({
  imports: [NotificationsModule],
  controllers: [SharingController],
  providers: [PostsService, CommentsService],
})
export class SharingModule {}
