import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  RATING_COMMENT_MAX_LENGTH,
  RATING_SCORE_MAX,
  RATING_SCORE_MIN,
  type RateCourseRequest,
} from '@lingyan/contracts';
import { PageQuery } from '../common/paging';
import { trim } from '../common/validation';

const SCORE_MESSAGE = `must be a whole number from ${RATING_SCORE_MIN} to ${RATING_SCORE_MAX}`;

export class RateCourseDto implements RateCourseRequest {
  @ApiProperty({ minimum: RATING_SCORE_MIN, maximum: RATING_SCORE_MAX, description: '对村里工作的帮助' })
  @IsInt({ message: `usefulness ${SCORE_MESSAGE}` })
  @Min(RATING_SCORE_MIN, { message: `usefulness ${SCORE_MESSAGE}` })
  @Max(RATING_SCORE_MAX, { message: `usefulness ${SCORE_MESSAGE}` })
  usefulness!: number;

  @ApiProperty({ minimum: RATING_SCORE_MIN, maximum: RATING_SCORE_MAX, description: '讲解清楚' })
  @IsInt({ message: `clarity ${SCORE_MESSAGE}` })
  @Min(RATING_SCORE_MIN, { message: `clarity ${SCORE_MESSAGE}` })
  @Max(RATING_SCORE_MAX, { message: `clarity ${SCORE_MESSAGE}` })
  clarity!: number;

  @ApiPropertyOptional({ maxLength: RATING_COMMENT_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(RATING_COMMENT_MAX_LENGTH, { message: `comment must be at most ${RATING_COMMENT_MAX_LENGTH} characters` })
  comment?: string;
}

/** Paging of a course's comments. */
export class RatingCommentsPageQuery extends PageQuery {}

/** What an administrator's summary looks at: a program, a cohort, or everything in their region. */
export class RatingSummaryQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'programId must be a UUID' })
  programId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'cohortId must be a UUID' })
  cohortId?: string;
}

/** The comments of an administrator's selection, optionally of one course. */
export class RatingCommentsQuery extends RatingSummaryQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId?: string;
}
