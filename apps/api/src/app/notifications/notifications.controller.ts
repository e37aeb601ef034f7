import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NotificationPage, NotificationView } from '@parcours/contracts';
import { UuidParam } from '@parcours/server-http';
import { CurrentActor, type Actor } from '@parcours/server-identity';
import { NotificationsService } from '@parcours/server-notifications';
import { NotificationLanguageQuery, NotificationListQuery } from './notification.dto';

/** The signed-in person's in-app notifications: every role has some, each sees only their own. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first (keyset pagination)' })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: NotificationListQuery,
  ): Promise<NotificationPage> {
    return this.notifications.list(actor.id, {
      unread: query.unread,
      limit: query.limit ?? 20,
      cursor: query.cursor,
      lang: query.lang,
    });
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  unreadCount(@CurrentActor() actor: Actor): Promise<{ unread: number }> {
    return this.notifications.unreadCount(actor.id);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  readAll(@CurrentActor() actor: Actor): Promise<{ updated: number }> {
    return this.notifications.markAllRead(actor.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications read (404 if not mine)' })
  read(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Query() query: NotificationLanguageQuery,
  ): Promise<NotificationView> {
    return this.notifications.markRead(actor.id, id, query.lang);
  }
}
