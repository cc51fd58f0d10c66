import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  FEED_SCOPES,
  FEED_SORTS,
  COMMENT_MAX_LENGTH,
  POST_BODY_MAX_LENGTH,
  POST_TAG_MAX_LENGTH,
  POST_TAGS_MAX,
  POST_TITLE_MAX_LENGTH,
  type CommentRequest,
  type FeedScope,
  type FeedSort,
  type PostRequest,
} from '@lingyan/contracts';
import { Text, trim } from '../common/validation';

/** A post as its author writes it; a draft may be incomplete (publishing checks title and body). */
export class PostBodyDto implements PostRequest {
  @ApiProperty({ maxLength: POST_TITLE_MAX_LENGTH })
  @Transform(trim)
  @IsString({ message: 'title must be text' })
  @MaxLength(POST_TITLE_MAX_LENGTH, { message: `title must be at most ${POST_TITLE_MAX_LENGTH} characters` })
  title!: string;

  @ApiProperty({ maxLength: POST_BODY_MAX_LENGTH, description: 'Markdown' })
  @IsString({ message: 'body must be text' })
  @MaxLength(POST_BODY_MAX_LENGTH, { message: `body must be at most ${POST_BODY_MAX_LENGTH} characters` })
  body!: string;

  @ApiProperty({ type: [String], maxItems: POST_TAGS_MAX })
  @IsArray({ message: 'tags must be a list' })
  @ArrayMaxSize(POST_TAGS_MAX, { message: `at most ${POST_TAGS_MAX} tags` })
  @IsString({ each: true, message: 'every tag must be text' })
  @MaxLength(POST_TAG_MAX_LENGTH, { each: true, message: `a tag is at most ${POST_TAG_MAX_LENGTH} characters` })
  tags!: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'moduleId must be a UUID' })
  moduleId?: string | null;
}

export class FeedQuery {
  @ApiPropertyOptional({ enum: FEED_SORTS, default: 'latest' })
  @IsOptional()
  @IsIn(FEED_SORTS, { message: `sort must be one of ${FEED_SORTS.join(', ')}` })
  sort: FeedSort = 'latest';

  @ApiPropertyOptional({ enum: FEED_SCOPES, default: 'all' })
  @IsOptional()
  @IsIn(FEED_SCOPES, { message: `scope must be one of ${FEED_SCOPES.join(', ')}` })
  scope: FeedScope = 'all';

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(POST_TAG_MAX_LENGTH)
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class SearchQuery {
  @ApiProperty({ description: 'Words or a phrase, Chinese or English' })
  @Transform(trim)
  @IsString()
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  q!: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page of the same search' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class CommentBodyDto implements CommentRequest {
  @Text(COMMENT_MAX_LENGTH, { required: true })
  body!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be a UUID' })
  parentId?: string | null;
}

export class ReportDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'postId must be a UUID' })
  postId!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'commentId must be a UUID' })
  commentId?: string | null;

  @Text(500, { required: true })
  reason!: string;
}

export class HideDto {
  @Text(500, { required: true, description: 'Told to the author' })
  reason!: string;
}

export class CaseModuleDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId!: string;
}
