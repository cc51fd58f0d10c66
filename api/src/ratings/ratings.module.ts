import { Module } from '@nestjs/common';
import { MyRatingController, RatingReportsController } from './ratings.controller';
import { RatingReportsService } from './rating-reports.service';
import { RatingsService } from './ratings.service';

/** 评训: trainees rate the courses they completed; trainers and administrators see satisfaction against the norm. */
@Module({
  controllers: [MyRatingController, RatingReportsController],
  providers: [RatingsService, RatingReportsService],
})
export class RatingsModule {}
