import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  ENROLMENT_STATUSES,
  POSITIONS,
  REMIND_FILTERS,
  TRAINEE_SORTS,
  type CohortListQuery,
  type CohortTraineeQuery,
  type CreateCohortRequest,
  type EnrolByRuleRequest,
  type EnrolmentStatus,
  type EnrolUsersRequest,
  type Position,
  type RemindFilter,
  type RemindRequest,
  type SetAnnualRequirementRequest,
  type TraineeSort,
  type TransferRequest,
  type UpdateCohortRequest,
  type WithdrawRequest,
} from '@lingyan/contracts';
import { PageQuery } from '../common/paging';
import { present, trim } from '../common/validation';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION_CODE = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;
const DATE_MESSAGE = (field: string) => ({ message: `${field} must be a date YYYY-MM-DD` });

/** `?flag=true|false` query strings as booleans (anything else stays a string and fails validation). */
const booleanQuery = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class CohortIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a cohort id (UUID)' })
  id!: string;
}

export class CohortUserParam extends CohortIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a user id (UUID)' })
  userId!: string;
}

export class CreateCohortDto implements CreateCohortRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'programId must be a program id (UUID)' })
  programId!: string;

  @ApiProperty({ example: '2026年淳安县村党组织书记轮训（第一期）' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '330127' })
  @IsString()
  @Matches(REGION_CODE, { message: 'regionCode must be a region code of 2, 4, 6, 9 or 12 digits' })
  regionCode!: string;

  @ApiProperty({ example: '2026-03-01' })
  @Matches(DATE, DATE_MESSAGE('startsOn'))
  startsOn!: string;

  @ApiProperty({ example: '2026-12-31' })
  @Matches(DATE, DATE_MESSAGE('endsOn'))
  endsOn!: string;

  @ApiProperty({ example: '2026-04-30' })
  @Matches(DATE, DATE_MESSAGE('enrolUntil'))
  enrolUntil!: string;

  @ApiProperty({ example: '2026-11-30' })
  @Matches(DATE, DATE_MESSAGE('dueOn'))
  dueOn!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'adminIds must be user ids (UUID)' })
  adminIds?: string[];
}

export class UpdateCohortDto implements UpdateCohortRequest {
  @ApiPropertyOptional()
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @Matches(DATE, DATE_MESSAGE('startsOn'))
  startsOn?: string;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @Matches(DATE, DATE_MESSAGE('endsOn'))
  endsOn?: string;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @Matches(DATE, DATE_MESSAGE('enrolUntil'))
  enrolUntil?: string;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @Matches(DATE, DATE_MESSAGE('dueOn'))
  dueOn?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'adminIds must be user ids (UUID)' })
  adminIds?: string[];
}

export class CohortListQueryDto extends PageQuery implements CohortListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'programId must be a program id (UUID)' })
  programId?: string;
}

export class RegionQueryDto {
  @ApiPropertyOptional({ example: '330127' })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'region must be a region code of 2, 4, 6, 9 or 12 digits' })
  region?: string;
}

export class TraineeFilterDto extends RegionQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ENROLMENT_STATUSES })
  @IsOptional()
  @IsIn(ENROLMENT_STATUSES, { message: `status must be one of ${ENROLMENT_STATUSES.join(', ')}` })
  status?: EnrolmentStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 365 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  inactiveDays?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'behindPace must be true or false' })
  behindPace?: boolean;
}

/** The trainee list's filters with the shared paging. */
export class TraineeQueryDto extends IntersectionType(PageQuery, TraineeFilterDto) implements CohortTraineeQuery {
  @ApiPropertyOptional({ enum: TRAINEE_SORTS })
  @IsOptional()
  @IsIn(TRAINEE_SORTS, { message: `sort must be one of ${TRAINEE_SORTS.join(', ')}` })
  sort?: TraineeSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';
}

export class ExportQueryDto extends TraineeFilterDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format: 'csv' | 'xlsx' = 'csv';
}

export class FormatQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format: 'csv' | 'xlsx' = 'csv';
}

export class EnrolUsersDto implements EnrolUsersRequest {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1, { message: 'userIds must name at least one trainee' })
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'userIds must be user ids (UUID)' })
  userIds!: string[];
}

export class EnrolByRuleDto implements EnrolByRuleRequest {
  @ApiProperty({ enum: POSITIONS, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'positions must name at least one position' })
  @ArrayUnique()
  @IsIn(POSITIONS, { each: true, message: `positions must be among ${POSITIONS.join(', ')}` })
  positions!: Position[];

  @ApiProperty({ example: '330127' })
  @IsString()
  @Matches(REGION_CODE, { message: 'regionCode must be a region code of 2, 4, 6, 9 or 12 digits' })
  regionCode!: string;
}

export class WithdrawDto implements WithdrawRequest {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1, { message: 'userIds must name at least one trainee' })
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'userIds must be user ids (UUID)' })
  userIds!: string[];

  @ApiProperty({ example: '调任乡镇工作' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(500)
  reason!: string;
}

export class TransferDto implements TransferRequest {
  @ApiPropertyOptional({ example: '330127111264' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'villageCode must be a village code of 12 digits' })
  villageCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'cohortId must be a cohort id (UUID)' })
  cohortId?: string;
}

export class RemindDto implements RemindRequest {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'userIds must be user ids (UUID)' })
  userIds?: string[];

  @ApiPropertyOptional({ example: '330127' })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'region must be a region code of 2, 4, 6, 9 or 12 digits' })
  region?: string;

  @ApiPropertyOptional({ enum: REMIND_FILTERS })
  @IsOptional()
  @IsIn(REMIND_FILTERS, { message: `filter must be one of ${REMIND_FILTERS.join(', ')}` })
  filter?: RemindFilter;

  @ApiPropertyOptional({ minimum: 1, maximum: 365 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  inactiveDays?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  message?: string;
}

export class AnnualRequirementDtoBody implements SetAnnualRequirementRequest {
  @ApiProperty({ example: 50, minimum: 0, maximum: 1000 })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: 'creditHours must be a number' })
  @Min(0)
  @Max(1000)
  creditHours!: number;
}
