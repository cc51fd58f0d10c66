import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  GOAL_STATUSES,
  MEETING_MODES,
  MENTOR_BIO_MAX_LENGTH,
  MENTOR_CAPACITY_MAX,
  MENTOR_EXPERTISE,
  MENTOR_TITLES,
  MENTORSHIP_STATUSES,
  type CreatePairingRequest,
  type EndPairingRequest,
  type GoalRequest,
  type GoalStatus,
  type LogEntryRequest,
  type MeetingMode,
  type MentorExpertise,
  type MentoringNeedsDto,
  type MentorProfileRequest,
  type MentorshipStatus,
  type MentorTitle,
  type MessageRequest,
  type ReflectionRequest,
} from '@lingyan/contracts';
import { RegionQueryDto } from '../cohorts/cohorts.dto';
import { PageQuery } from '../common/paging';
import { Text, trim } from '../common/validation';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A trimmed text field of at most `max` characters (and not empty when `required`); the messages
 * name the field, as every 400 does.
 */
const areas = `one of ${MENTOR_EXPERTISE.join(', ')}`;

export class MentorProfileBodyDto implements MentorProfileRequest {
  @ApiProperty({ enum: MENTOR_TITLES, nullable: true, description: '兴村名师: 省级, 市级, 县级; null for none' })
  @IsOptional()
  @IsIn(MENTOR_TITLES, { message: `title must be one of ${MENTOR_TITLES.join(', ')} or null` })
  title!: MentorTitle | null;

  @ApiProperty({ enum: MENTOR_EXPERTISE, isArray: true })
  @IsArray()
  @ArrayMaxSize(MENTOR_EXPERTISE.length)
  @ArrayUnique({ message: 'expertise must not repeat an area' })
  @IsIn(MENTOR_EXPERTISE, { each: true, message: `every expertise must be ${areas}` })
  expertise!: MentorExpertise[];

  @ApiProperty({ description: 'Home region code' })
  @IsString()
  @Matches(/^\d{2,12}$/, { message: 'regionCode must be a region code' })
  regionCode!: string;

  @ApiProperty({ minimum: 1, maximum: MENTOR_CAPACITY_MAX })
  @IsInt({ message: `capacity must be a whole number from 1 to ${MENTOR_CAPACITY_MAX}` })
  @Min(1, { message: `capacity must be a whole number from 1 to ${MENTOR_CAPACITY_MAX}` })
  @Max(MENTOR_CAPACITY_MAX, { message: `capacity must be a whole number from 1 to ${MENTOR_CAPACITY_MAX}` })
  capacity!: number;

  @ApiProperty({ maxLength: MENTOR_BIO_MAX_LENGTH })
  @Transform(trim)
  @IsString()
  @MaxLength(MENTOR_BIO_MAX_LENGTH, { message: `bio must be at most ${MENTOR_BIO_MAX_LENGTH} characters` })
  bio!: string;
}

export class MentoringNeedsBodyDto implements MentoringNeedsDto {
  @ApiProperty({ enum: MENTOR_EXPERTISE, isArray: true })
  @IsArray()
  @ArrayMaxSize(MENTOR_EXPERTISE.length)
  @ArrayUnique({ message: 'areas must not repeat an area' })
  @IsIn(MENTOR_EXPERTISE, { each: true, message: `every area must be ${areas}` })
  areas!: MentorExpertise[];

  @Text(500)
  note!: string;
}

export class MentorListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Name or username contains' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  q?: string;
}

export class SuggestionQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'traineeId must be a UUID' })
  traineeId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'programId must be a UUID' })
  programId!: string;
}

export class CreatePairingDto implements CreatePairingRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'mentorId must be a UUID' })
  mentorId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'traineeId must be a UUID' })
  traineeId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'programId must be a UUID' })
  programId!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'cohortId must be a UUID' })
  cohortId?: string;
}

export class PairingListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'programId must be a UUID' })
  programId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'cohortId must be a UUID' })
  cohortId?: string;

  @ApiPropertyOptional({ enum: MENTORSHIP_STATUSES })
  @IsOptional()
  @IsIn(MENTORSHIP_STATUSES, { message: `status must be one of ${MENTORSHIP_STATUSES.join(', ')}` })
  status?: MentorshipStatus;
}

export class EndPairingDto implements EndPairingRequest {
  @Text(500, { required: true })
  reason!: string;
}

export class GoalDto implements GoalRequest {
  @Text(200, { required: true })
  title!: string;

  @ApiProperty({ nullable: true, example: '2026-12-31' })
  @IsOptional()
  @Matches(DATE, { message: 'dueOn must be a date (YYYY-MM-DD) or null' })
  @IsDateString({ strict: true }, { message: 'dueOn must be a real date' })
  dueOn!: string | null;

  @ApiPropertyOptional({ enum: GOAL_STATUSES })
  @IsOptional()
  @IsIn(GOAL_STATUSES, { message: `status must be one of ${GOAL_STATUSES.join(', ')}` })
  status?: GoalStatus;
}

export class LogEntryDto implements LogEntryRequest {
  @ApiProperty({ example: '2026-11-20' })
  @Matches(DATE, { message: 'metOn must be a date (YYYY-MM-DD)' })
  @IsDateString({ strict: true }, { message: 'metOn must be a real date' })
  metOn!: string;

  @ApiProperty({ enum: MEETING_MODES, description: '实地走访 / 电话 / 线上' })
  @IsIn(MEETING_MODES, { message: `mode must be one of ${MEETING_MODES.join(', ')}` })
  mode!: MeetingMode;

  @Text(200, { required: true })
  topic!: string;

  @Text(4000)
  notes!: string;

  @IsOptional()
  @Text(2000)
  followUp?: string;
}

export class ReflectionDto implements ReflectionRequest {
  @Text(2000, { required: true })
  reflection!: string;
}

export class MessageDto implements MessageRequest {
  @Text(2000, { required: true })
  body!: string;
}

export class MessagePageQuery extends PageQuery {}

/** A pair proposed for a cohort, as the administrator saves it after review. */
export class ProposedPairDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'mentorId must be a UUID' })
  mentorId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'traineeId must be a UUID' })
  traineeId!: string;
}

export class SaveCohortPairsDto {
  @ApiProperty({ type: [ProposedPairDto] })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => ProposedPairDto)
  pairs!: ProposedPairDto[];
}

/** The region of the oversight page (the administrator's own by default), and an export's format. */
export class OversightQuery extends RegionQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format: 'csv' | 'xlsx' = 'csv';
}
