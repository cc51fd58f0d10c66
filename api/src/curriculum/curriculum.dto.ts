import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  COURSE_CATEGORIES,
  MODULE_KINDS,
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

export class CreateCourseDto implements CreateCourseRequest {
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

  @ApiPropertyOptional({ description: 'Offered in the catalog of open electives.' })
  @ValidateIf(present)
  @IsBoolean()
  openElective?: boolean;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'An uploaded image; null removes the cover.' })
  @IsOptional()
  @IsUUID('all', { message: 'coverMediaId must be a UUID' })
  coverMediaId?: string | null;
}

export class UpdateCourseDto implements UpdateCourseRequest {
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

  @ApiPropertyOptional({ description: 'Offered in the catalog of open electives.' })
  @ValidateIf(present)
  @IsBoolean()
  openElective?: boolean;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'An uploaded image; null removes the cover.' })
  @IsOptional()
  @IsUUID('all', { message: 'coverMediaId must be a UUID' })
  coverMediaId?: string | null;
}

export class CreateModuleDto implements CreateModuleRequest {
  @ApiProperty({ enum: MODULE_KINDS })
  @IsIn(MODULE_KINDS)
  kind!: ModuleKind;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ description: 'Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_BODY)
  body?: string | null;

  @ApiProperty({ minimum: 1, maximum: 600 })
  @IsInt()
  @Min(1)
  @Max(600)
  estimatedMinutes!: number;

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
}

export class UpdateModuleDto implements UpdateModuleRequest {
  @ApiPropertyOptional()
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_BODY)
  body?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 600 })
  @ValidateIf(present)
  @IsInt()
  @Min(1)
  @Max(600)
  estimatedMinutes?: number;

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
