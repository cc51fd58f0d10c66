import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  ValidateNested,
} from 'class-validator';
import {
  PROGRAM_KINDS,
  type CreateProgramRequest,
  type CreditTableDto,
  type CreditTierDto,
  type ProgramCoursesRequest,
  type ProgramKind,
  type UpdateProgramRequest,
} from '@lingyan/contracts';
import { present, trim } from '../common/validation';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreditTierBody implements CreditTierDto {
  @ApiProperty({ minimum: 0, maximum: 600 })
  @IsInt()
  @Min(0)
  @Max(600)
  minMinutes!: number;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  credits!: number;
}

export class CreditTableBody implements CreditTableDto {
  @ApiProperty({ type: [CreditTierBody] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CreditTierBody)
  tiers!: CreditTierBody[];

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  passBonus!: number;
}

export class CreateProgramDto implements CreateProgramRequest {
  @ApiProperty({ example: '2026年度村社书记全员轮训' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ enum: PROGRAM_KINDS })
  @IsIn(PROGRAM_KINDS)
  kind!: ProgramKind;

  @ApiProperty({ description: 'Credit hours (学时) a trainee must earn.', example: 8 })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  requiredCredits!: number;

  @ApiProperty({ example: '2026-03-01' })
  @Matches(DATE, { message: 'startsOn must be a date like 2026-03-01' })
  startsOn!: string;

  @ApiProperty({ example: '2026-12-31' })
  @Matches(DATE, { message: 'endsOn must be a date like 2026-12-31' })
  endsOn!: string;

  @ApiPropertyOptional({ type: CreditTableBody, nullable: true, description: 'Null: the default table.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreditTableBody)
  creditTable?: CreditTableBody | null;
}

export class UpdateProgramDto implements UpdateProgramRequest {
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
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: PROGRAM_KINDS })
  @ValidateIf(present)
  @IsIn(PROGRAM_KINDS)
  kind?: ProgramKind;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  requiredCredits?: number;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @Matches(DATE, { message: 'startsOn must be a date like 2026-03-01' })
  startsOn?: string;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @Matches(DATE, { message: 'endsOn must be a date like 2026-12-31' })
  endsOn?: string;

  @ApiPropertyOptional({ type: CreditTableBody, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreditTableBody)
  creditTable?: CreditTableBody | null;
}

export class ProgramCourseBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId!: string;

  @ApiProperty()
  @IsBoolean()
  required!: boolean;
}

export class ProgramCoursesDto implements ProgramCoursesRequest {
  @ApiProperty({ type: [ProgramCourseBody] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ProgramCourseBody)
  courses!: ProgramCourseBody[];
}

export class CourseOptionQueryDto {
  @ApiPropertyOptional({ description: 'Part of a course title.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}
