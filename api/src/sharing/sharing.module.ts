import { Module } from '@nestjs/common';
import { PostsService } from './posts.service';
import { SharingController } from './sharing.controller';

/** 书记讲给书记听: experience sharing among village secretaries. */
@Module({
  controllers: [SharingController],
  providers: [PostsService],
})
export class SharingModule {}
