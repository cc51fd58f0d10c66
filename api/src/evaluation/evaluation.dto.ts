import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  DIFFICULTIES,
  GRADE_BANDS,
  QUESTION_KINDS,
  type EvaluateTraineeRequest,
  type GradeBand,
  type ProgramEvaluationRequest,
  type ResultComponent,
  type ResultFormula,
  type Difficulty,
  type GradeAnswerRequest,
  type QuestionKind,
  type QuestionOption,
  type ReviewSubmissionRequest,
  type SaveSubmissionRequest,
} from '@lingyan/contracts';
import { PageQuery } from '../common/paging';
import { RubricDto } from '../curriculum/curriculum.dto';
import { trim } from '../common/validation';

export class QuestionOptionDto implements QuestionOption {
  @ApiProperty({ example: 'a' })
  @Matches(/^[a-z]$/, { message: 'option id must be one letter a–z' })
  id!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(500)
  text!: string;
}

/** A question as its author sends it; the key is read by `readKey`, the whole by `questionProblems`. */
export class QuestionRequestDto {
  @ApiProperty({ enum: QUESTION_KINDS })
  @IsIn(QUESTION_KINDS)
  kind!: QuestionKind;

  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  stem!: string;

  @ApiPropertyOptional({ type: [QuestionOptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  options?: QuestionOptionDto[];

  @ApiProperty({ description: 'The key, by kind (see QuestionKey).' })
  @IsObject()
  key!: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  explanation?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ enum: DIFFICULTIES })
  @IsOptional()
  @IsIn(DIFFICULTIES)
  difficulty?: Difficulty;

  @ApiPropertyOptional({ minimum: 0.5, maximum: 100 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  points?: number;
}

export class QuestionListQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the stem.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

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

/** Answers by question id; each answer is read by `readAnswers`. */
export class SaveAnswersDto {
  @ApiProperty({ description: 'Answers by question id (see QuestionAnswer).' })
  @IsObject()
  answers!: Record<string, unknown>;
}

export class SubmitAttemptDto {
  @ApiPropertyOptional({ description: 'The last answers, saved first when they arrive in time.' })
  @IsOptional()
  @IsObject()
  answers?: Record<string, unknown>;
}

export class AnswerParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'attemptId must be a UUID' })
  attemptId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'questionId must be a UUID' })
  questionId!: string;
}

export class GradeAnswerDto implements GradeAnswerRequest {
  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  points!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class PendingQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId?: string;
}

export class ImportModeQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description: 'Write the questions (else: preview).',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'apply must be true or false' })
  apply?: 'true' | 'false';
}

export class SaveSubmissionDto implements SaveSubmissionRequest {
  @ApiProperty({ description: 'The written work (Markdown or plain text).' })
  @IsString()
  @MaxLength(20_000)
  text!: string;

  @ApiProperty({ type: [String], description: 'Files you uploaded for this assignment.' })
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'each media id must be a UUID' })
  mediaIds!: string[];
}

export class ReviewSubmissionDto implements ReviewSubmissionRequest {
  @ApiProperty({ enum: ['graded', 'returned'] })
  @IsIn(['graded', 'returned'])
  outcome!: 'graded' | 'returned';

  @ApiProperty({ description: 'For each criterion id, the index of the chosen level.' })
  @IsObject()
  selection!: Record<string, number>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class SubmissionQueueQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'cohortId must be a UUID' })
  cohortId?: string;

  @ApiPropertyOptional({ enum: ['submitted', 'returned', 'graded'], default: 'submitted' })
  @IsOptional()
  @IsIn(['submitted', 'returned', 'graded'])
  status?: 'submitted' | 'returned' | 'graded';
}

export class ResultWeightsDto implements Record<ResultComponent, number> {
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) quizzes!: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) practical!: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) mentor!: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) trainer!: number;
}

export class ResultBandsDto {
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) excellent!: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) good!: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) pass!: number;
}

export class ResultFormulaDto implements ResultFormula {
  @ApiProperty({ type: ResultWeightsDto })
  @ValidateNested()
  @Type(() => ResultWeightsDto)
  weights!: ResultWeightsDto;

  @ApiProperty({ type: ResultBandsDto })
  @ValidateNested()
  @Type(() => ResultBandsDto)
  bands!: ResultBandsDto;

  @ApiProperty()
  @IsBoolean()
  creditsRequired!: boolean;
}

export class ProgramEvaluationBodyDto implements ProgramEvaluationRequest {
  @ApiProperty({ type: () => RubricDto })
  @ValidateNested()
  @Type(() => RubricDto)
  rubric!: RubricDto;

  @ApiProperty({ type: ResultFormulaDto })
  @ValidateNested()
  @Type(() => ResultFormulaDto)
  formula!: ResultFormulaDto;
}

export class EvaluateTraineeDto implements EvaluateTraineeRequest {
  @ApiProperty({ enum: ['mentor', 'trainer'] })
  @IsIn(['mentor', 'trainer'])
  role!: 'mentor' | 'trainer';

  @ApiProperty({ description: 'For each criterion id, the index of the chosen level.' })
  @IsObject()
  selection!: Record<string, number>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class EvaluableQueryDto extends PageQuery {
  @ApiProperty({ enum: ['mentor', 'trainer'] })
  @IsIn(['mentor', 'trainer'])
  role!: 'mentor' | 'trainer';

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class TraineeParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'traineeId must be a UUID' })
  traineeId!: string;
}

export class CohortResultQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: '330127' })
  @IsOptional()
  @Matches(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, { message: 'region must be a region code of 2, 4, 6, 9 or 12 digits' })
  region?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: GRADE_BANDS })
  @IsOptional()
  @IsIn(GRADE_BANDS)
  band?: GradeBand;

  @ApiPropertyOptional({ enum: ['pending', 'final'] })
  @IsOptional()
  @IsIn(['pending', 'final'])
  state?: 'pending' | 'final';

  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format: 'csv' | 'xlsx' = 'csv';
}
