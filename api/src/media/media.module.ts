import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DiskStorage } from './disk-storage';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';
import { MEDIA_STORAGE } from './storage';

@Global()
@Module({
  controllers: [MediaController],
  providers: [
    {
      provide: MEDIA_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new DiskStorage(config.mediaDir),
    },
    MediaService,
  ],
  exports: [MediaService],
})
export class MediaModule {}
