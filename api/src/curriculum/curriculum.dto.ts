import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  COURSE_CATEGORIES,
  DIFFICULTIES,
  MODULE_KINDS,
  QUESTION_KINDS,
  type AssignmentSettings,
  type Difficulty,
  type DrawRule,
  type QuestionKind,
  type QuizSettings,
  type Rubric,
  type RubricCriterion,
  type RubricLevel,
  type CourseCategory,
  type CoOwnersRequest,
  type CreateCourseRequest,
  type CreateModuleRequest,
  type ModuleKind,
  type ModuleOrderRequest,
  type UpdateCourseRequest,
  type UpdateModuleRequest,
} from '@lingyan/contracts';
import { present, trim } from '../common/validation';

const MAX_BODY = 200_000;

/** A course's catalog settings, the same when it is created and changed. */
class CourseSettingsFields {
  @ApiPropertyOptional({ description: 'Offered in the catalog of open electives.' })
  @ValidateIf(present)
  @IsBoolean()
  openElective?: boolean;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'An uploaded image; null removes the cover.' })
  @IsOptional()
  @IsUUID('all', { message: 'coverMediaId must be a UUID' })
  coverMediaId?: string | null;
}

export class CreateCourseDto extends CourseSettingsFields implements CreateCourseRequest {
  @ApiProperty({ example: '学习运用“千万工程”经验' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  summary?: string;

  @ApiProperty({ enum: COURSE_CATEGORIES })
  @IsIn(COURSE_CATEGORIES)
  category!: CourseCategory;

  @ApiPropertyOptional({ description: 'Modules open one after another.' })
  @IsOptional()
  @IsBoolean()
  sequential?: boolean;
}

export class UpdateCourseDto extends CourseSettingsFields implements UpdateCourseRequest {
  @ApiPropertyOptional()
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsString()
  @MaxLength(2000)
  summary?: string;

  @ApiPropertyOptional({ enum: COURSE_CATEGORIES })
  @ValidateIf(present)
  @IsIn(COURSE_CATEGORIES)
  category?: CourseCategory;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsBoolean()
  sequential?: boolean;
}

export class DrawRuleDto implements DrawRule {
  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  count!: number;

  @ApiPropertyOptional({ enum: QUESTION_KINDS })
  @IsOptional()
  @IsIn(QUESTION_KINDS)
  kind?: QuestionKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  tag?: string;

  @ApiPropertyOptional({ enum: DIFFICULTIES })
  @IsOptional()
  @IsIn(DIFFICULTIES)
  difficulty?: Difficulty;
}

export class QuizSettingsDto implements QuizSettings {
  @ApiProperty({ enum: ['fixed', 'random'] })
  @IsIn(['fixed', 'random'])
  selection!: 'fixed' | 'random';

  @ApiProperty({ type: [String], description: 'Fixed quizzes: question ids in order.' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'each question id must be a UUID' })
  questionIds!: string[];

  @ApiProperty({ type: [DrawRuleDto], description: 'Random quizzes: what each attempt draws.' })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => DrawRuleDto)
  rules!: DrawRuleDto[];

  @ApiProperty()
  @IsBoolean()
  shuffleQuestions!: boolean;

  @ApiProperty()
  @IsBoolean()
  shuffleOptions!: boolean;

  @ApiProperty({ nullable: true, minimum: 1, maximum: 600 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitMinutes!: number | null;

  @ApiProperty({ nullable: true, minimum: 1, maximum: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  maxAttempts!: number | null;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  passPercent!: number;

  @ApiProperty({ enum: ['best', 'last'] })
  @IsIn(['best', 'last'])
  scoring!: 'best' | 'last';
}

export class RubricLevelDto implements RubricLevel {
  @ApiProperty({ example: '优秀' })
  @IsString()
  @MaxLength(20)
  label!: string;

  @ApiProperty({ minimum: 0, maximum: 1000 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  points!: number;
}

export class RubricCriterionDto implements RubricCriterion {
  @ApiProperty({ example: 'fit' })
  @IsString()
  @MaxLength(40)
  id!: string;

  @ApiProperty({ example: '切合村情' })
  @IsString()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiProperty({ type: [RubricLevelDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => RubricLevelDto)
  levels!: RubricLevelDto[];
}

export class RubricDto implements Rubric {
  @ApiProperty({ type: [RubricCriterionDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  criteria!: RubricCriterionDto[];
}

export class AssignmentSettingsDto implements AssignmentSettings {
  @ApiProperty({ type: () => RubricDto })
  @ValidateNested()
  @Type(() => RubricDto)
  rubric!: RubricDto;

  @ApiProperty({ nullable: true, example: '2026-12-31T16:00:00.000Z' })
  @IsOptional()
  @IsISO8601({}, { message: 'dueAt must be a date and time (ISO 8601)' })
  dueAt!: string | null;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  passPercent!: number;

  @ApiProperty({ minimum: 0, maximum: 10 })
  @IsInt()
  @Min(0)
  @Max(10)
  maxFiles!: number;
}

/** What a module shows besides its title: an article's text, or a video's or document's file or address. */
class ModuleContentFields {
  @ApiPropertyOptional({ description: 'Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_BODY)
  body?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'An uploaded video or PDF.' })
  @IsOptional()
  @IsUUID('all', { message: 'mediaId must be a UUID' })
  mediaId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'https:// address of a video hosted elsewhere.' })
  @IsOptional()
  @Transform(trim)
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: true },
    { message: 'externalUrl must be an https:// address' },
  )
  @MaxLength(2000)
  externalUrl?: string | null;

  @ApiPropertyOptional({ nullable: true, minimum: 1, maximum: 36000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36000)
  durationSeconds?: number | null;

  @ApiPropertyOptional({ type: () => QuizSettingsDto, description: 'Quiz modules: questions and rules.' })
  @ValidateIf(present)
  @ValidateNested()
  @Type(() => QuizSettingsDto)
  quiz?: QuizSettingsDto;

  @ApiPropertyOptional({ type: () => AssignmentSettingsDto, description: 'Assignment modules: rubric and due date.' })
  @ValidateIf(present)
  @ValidateNested()
  @Type(() => AssignmentSettingsDto)
  assignment?: AssignmentSettingsDto;
}

export class CreateModuleDto extends ModuleContentFields implements CreateModuleRequest {
  @ApiProperty({ enum: MODULE_KINDS })
  @IsIn(MODULE_KINDS)
  kind!: ModuleKind;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title!: string;

  @ApiProperty({ minimum: 1, maximum: 600 })
  @IsInt()
  @Min(1)
  @Max(600)
  estimatedMinutes!: number;
}

export class UpdateModuleDto extends ModuleContentFields implements UpdateModuleRequest {
  @ApiPropertyOptional()
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 600 })
  @ValidateIf(present)
  @IsInt()
  @Min(1)
  @Max(600)
  estimatedMinutes?: number;
}

export class ModuleOrderDto implements ModuleOrderRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'each module id must be a UUID' })
  moduleIds!: string[];
}

export class CoOwnersDto implements CoOwnersRequest {
  @ApiProperty({ type: [String], example: ['trainer-b'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  usernames!: string[];
}

export class TrainerQueryDto {
  @ApiPropertyOptional({ description: 'Part of a username or name.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  q?: string;
}
