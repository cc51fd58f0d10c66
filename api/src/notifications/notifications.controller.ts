import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { NotificationDto, NotificationPage, UnreadCountDto } from '@lingyan/contracts';
import { AnyRole, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { NotificationIdParam, NotificationListQueryDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
@AnyRole()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ description: 'Your notifications, newest first, with how many are unread.' })
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationListQueryDto): Promise<NotificationPage> {
    return this.notifications.list(user.id, query.page, query.limit, query.unread ?? false);
  }

  @Get('unread-count')
  @ApiOkResponse({ description: 'How many of your notifications are unread (the bell’s badge).' })
  unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return this.notifications.unreadCount(user.id);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Marks all your notifications read; answers the unread count left.' })
  readAll(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return this.notifications.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The notification, marked read (reading it again keeps the first time).' })
  @ApiNotFoundResponse({ description: 'You have no notification with this id.' })
  read(@CurrentUser() user: AuthUser, @Param() params: NotificationIdParam): Promise<NotificationDto> {
    return this.notifications.markRead(user.id, params.id);
  }
}
