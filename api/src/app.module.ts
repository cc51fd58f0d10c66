import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { APP_CONFIG, type AppConfig } from './config/config';
import { dataSourceOptions } from './database/data-source-options';
import { CertificatesModule } from './certificates/certificates.module';
import { CohortsModule } from './cohorts/cohorts.module';
import { CurriculumModule } from './curriculum/curriculum.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { HealthModule } from './health/health.module';
import { LearningModule } from './learning/learning.module';
import { MediaModule } from './media/media.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RatingsModule } from './ratings/ratings.module';
import { MentoringModule } from './mentoring/mentoring.module';
import { SharingModule } from './sharing/sharing.module';
import { RegionsModule } from './regions/regions.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: databaseUrl,
            connectTimeoutMs: config.dbConnectTimeoutMs,
            statementTimeoutMs: config.dbStatementTimeoutMs,
            poolSize: config.dbPoolSize,
          }),
          retryAttempts: 5,
          retryDelay: 1000,
        }),
        // A coarse per-client limit for every route; sign-in has its own stricter counters.
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute || Number.MAX_SAFE_INTEGER }],
          skipIf: () => config.rateLimitPerMinute === 0,
        }),
        HealthModule,
        AuthModule,
        UsersModule,
        RegionsModule,
        MediaModule,
        LearningModule,
        CurriculumModule,
        EvaluationModule,
        NotificationsModule,
        CohortsModule,
        CertificatesModule,
        RatingsModule,
        MentoringModule,
        SharingModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
      ],
      exports: [APP_CONFIG],
    };
  }
}
