import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  ModerationReportDto,
  PostCommentDto,
  PostImageDto,
  PostDto,
  PostFeedDto,
  PostSummaryDto,
} from '@lingyan/contracts';
import { AnyRole, Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdParam } from '../common/params';
import { PostsService } from './posts.service';
import { CommentsService } from './comments.service';
import { ModerationService } from './moderation.service';
import { PostImagesService } from './post-images.service';
import { CaseModuleDto, CommentBodyDto, FeedQuery, HideDto, PostBodyDto, ReportDto, SearchQuery } from './sharing.dto';

/** 书记讲给书记听: any signed-in user writes, reads, searches and marks posts useful. */
@ApiTags('sharing')
@Controller('sharing')
@AnyRole()
export class SharingController {
  constructor(
    private readonly posts: PostsService,
    private readonly comments: CommentsService,
    private readonly moderation: ModerationService,
    private readonly images: PostImagesService,
  ) {}

  @Post('images')
  @ApiOperation({
    summary: 'Upload a photo for a post (multipart field "file"): resized to 1280 px at most and recompressed',
  })
  image(@CurrentUser() actor: AuthUser, @Req() request: FastifyRequest): Promise<PostImageDto> {
    return this.images.upload(actor, request);
  }

  @Post('reports')
  @HttpCode(204)
  @ApiOperation({ summary: 'Report a post or a comment with a reason (once while the report is open)' })
  report(@CurrentUser() actor: AuthUser, @Body() body: ReportDto): Promise<void> {
    return this.moderation.report(actor, body.postId, body.commentId ?? null, body.reason);
  }

  @Get('moderation/reports')
  @Auth('trainer', 'admin')
  @ApiOperation({ summary: 'Open reports: every one for trainers, those on authors of your region for administrators' })
  reports(@CurrentUser() actor: AuthUser): Promise<ModerationReportDto[]> {
    return this.moderation.queue(actor);
  }

  @Post('moderation/reports/:id/dismiss')
  @Auth('trainer', 'admin')
  @HttpCode(204)
  dismiss(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<void> {
    return this.moderation.dismiss(actor, params.id);
  }

  @Post('moderation/posts/:id/hide')
  @Auth('trainer', 'admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Hide a post with a reason its author is told; it is kept, out of feeds and search' })
  hidePost(@CurrentUser() actor: AuthUser, @Param() params: IdParam, @Body() body: HideDto): Promise<void> {
    return this.moderation.hide(actor, { postId: params.id }, body.reason);
  }

  @Post('moderation/comments/:id/hide')
  @Auth('trainer', 'admin')
  @HttpCode(204)
  hideComment(@CurrentUser() actor: AuthUser, @Param() params: IdParam, @Body() body: HideDto): Promise<void> {
    return this.moderation.hide(actor, { commentId: params.id }, body.reason);
  }

  @Put('posts/:id/feature')
  @Auth('trainer', 'admin')
  @ApiOperation({ summary: 'Feature the post on top of its course page' })
  feature(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<PostDto> {
    return this.moderation.feature(actor, params.id, true);
  }

  @Delete('posts/:id/feature')
  @Auth('trainer', 'admin')
  unfeature(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<PostDto> {
    return this.moderation.feature(actor, params.id, false);
  }

  @Post('posts/:id/case-module')
  @Auth('trainer')
  @ApiOperation({ summary: 'Turn the post into an article module of a course you edit, crediting its author' })
  caseModule(@CurrentUser() actor: AuthUser, @Param() params: IdParam, @Body() body: CaseModuleDto) {
    return this.moderation.caseModule(actor, params.id, body.courseId);
  }

  @Get('courses/:id/featured')
  @ApiOperation({ summary: 'The featured posts of a course, for the top of its page' })
  featured(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<PostSummaryDto[]> {
    return this.posts.featured(actor, params.id);
  }

  @Get('posts/:id/comments')
  @ApiOperation({ summary: 'Comments, oldest first, each with its replies' })
  listComments(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<PostCommentDto[]> {
    return this.comments.list(actor, params.id);
  }

  @Post('posts/:id/comments')
  @ApiOperation({ summary: 'Comment, or reply to a comment (one level); the authors are notified' })
  comment(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: CommentBodyDto,
  ): Promise<PostCommentDto[]> {
    return this.comments.add(actor, params.id, body.body, body.parentId ?? null);
  }

  @Get('feed')
  @ApiOperation({ summary: 'Published posts, newest first or most useful this month; by tag, course, county or city' })
  feed(@CurrentUser() actor: AuthUser, @Query() query: FeedQuery): Promise<PostFeedDto> {
    return this.posts.feed(actor, query);
  }

  @Get('search')
  @ApiOperation({ summary: 'Search titles and bodies (Chinese by character pairs); best matches first' })
  search(@CurrentUser() actor: AuthUser, @Query() query: SearchQuery): Promise<PostFeedDto> {
    return this.posts.search(actor, query.q, query.cursor);
  }

  @Get('bookmarks')
  @ApiOperation({ summary: 'Your bookmarked posts, most recently bookmarked first' })
  bookmarks(@CurrentUser() actor: AuthUser): Promise<PostSummaryDto[]> {
    return this.posts.bookmarks(actor);
  }

  @Get('posts/mine')
  mine(@CurrentUser() actor: AuthUser): Promise<PostSummaryDto[]> {
    return this.posts.mine(actor);
  }

  @Post('posts')
  @ApiOperation({ summary: 'Start a post (a draft)' })
  create(@CurrentUser() actor: AuthUser, @Body() body: PostBodyDto): Promise<PostDto> {
    return this.posts.create(actor, body);
  }

  @Get('posts/:id')
  read(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<PostDto> {
    return this.posts.read(actor, params.id);
  }

  @Put('posts/:id')
  @ApiOperation({ summary: 'Save your post (drafts autosave through this)' })
  update(@CurrentUser() actor: AuthUser, @Param() params: IdParam, @Body() body: PostBodyDto): Promise<PostDto> {
    return this.posts.update(actor, params.id, body);
  }

  @Delete('posts/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete your post with its discussion (a case module made from it stays)' })
  remove(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<void> {
    return this.posts.remove(actor, params.id);
  }

  @Post('posts/:id/publish')
  @HttpCode(200)
  publish(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<PostDto> {
    return this.posts.publish(actor, params.id);
  }

  @Put('posts/:id/useful')
  @ApiOperation({ summary: 'Mark the post useful (有用): once per person, however often tapped' })
  useful(@CurrentUser() actor: AuthUser, @Param() params: IdParam) {
    return this.posts.markUseful(actor, params.id, true);
  }

  @Delete('posts/:id/useful')
  notUseful(@CurrentUser() actor: AuthUser, @Param() params: IdParam) {
    return this.posts.markUseful(actor, params.id, false);
  }

  @Put('posts/:id/bookmark')
  bookmark(@CurrentUser() actor: AuthUser, @Param() params: IdParam) {
    return this.posts.bookmark(actor, params.id, true);
  }

  @Delete('posts/:id/bookmark')
  unbookmark(@CurrentUser() actor: AuthUser, @Param() params: IdParam) {
    return this.posts.bookmark(actor, params.id, false);
  }
}
