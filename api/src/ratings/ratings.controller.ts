import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  CourseRatingDetailDto,
  MyCourseRatingDto,
  Page,
  RatingCommentDto,
  RatingSummaryDto,
  TrainerRatingsDto,
} from '@lingyan/contracts';
import { AnyRole, Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdParam } from '../common/params';
import { RateCourseDto, RatingCommentsPageQuery, RatingCommentsQuery, RatingSummaryQuery } from './ratings.dto';
import { RatingReportsService } from './rating-reports.service';
import { RatingsService } from './ratings.service';

/** A trainee's rating (评训) of a course they completed. */
@ApiTags('ratings')
@Controller('learning/courses')
@AnyRole()
export class MyRatingController {
  constructor(private readonly ratings: RatingsService) {}

  @Get(':id/rating')
  @ApiOperation({ summary: 'Your rating of the course (or null), and whether you may rate it now' })
  mine(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<MyCourseRatingDto> {
    return this.ratings.mine(user, params.id);
  }

  @Put(':id/rating')
  @ApiOperation({ summary: 'Rate the course (again: the rating is replaced); anonymous to its trainers' })
  @ApiConflictResponse({ description: 'The course is not complete, or is your own (RATING_NOT_ALLOWED).' })
  rate(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: RateCourseDto,
  ): Promise<MyCourseRatingDto> {
    return this.ratings.rate(user, params.id, body);
  }
}

/** Satisfaction against the 85% norm: trainers for their courses, administrators for their region. */
@ApiTags('ratings')
@Controller('ratings')
export class RatingReportsController {
  constructor(private readonly reports: RatingReportsService) {}

  @Get('courses')
  @Auth('trainer', 'admin')
  @ApiOperation({ summary: 'Satisfaction of each course you own or co-own, those under the norm first' })
  courses(@CurrentUser() actor: AuthUser): Promise<TrainerRatingsDto> {
    return this.reports.trainerCourses(actor);
  }

  @Get('courses/:id')
  @Auth('trainer', 'admin')
  @ApiOperation({ summary: 'One of your courses: satisfaction by cohort and the comments (anonymous, paged)' })
  course(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Query() query: RatingCommentsPageQuery,
  ): Promise<CourseRatingDetailDto> {
    return this.reports.trainerCourse(actor, params.id, query);
  }

  @Get('summary')
  @Auth('admin')
  @ApiOperation({ summary: 'Satisfaction per course, trainer and cohort from trainees in your region' })
  @ApiOkResponse({ description: 'Under-norm first; `page`/`limit` page the comments.' })
  summary(@CurrentUser() actor: AuthUser, @Query() query: RatingSummaryQuery): Promise<RatingSummaryDto> {
    return this.reports.summary(actor, query);
  }

  @Get('comments')
  @Auth('admin')
  @ApiOperation({ summary: 'Comments of trainees in your region, newest first, optionally of one course' })
  comments(@CurrentUser() actor: AuthUser, @Query() query: RatingCommentsQuery): Promise<Page<RatingCommentDto>> {
    return this.reports.adminComments(actor, query);
  }
}
