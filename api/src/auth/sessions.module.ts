import { Module } from '@nestjs/common';
import { SessionsService } from './sessions.service';

/** Refresh-token sessions, shared by sign-in (auth) and account changes (users). */
@Module({
  providers: [SessionsService],
  exports: [SessionsService],
})
export class SessionsModule {}
