import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../common/paging';

export class NotificationListQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the notifications not read yet.' })
  @IsOptional()
  // Query strings are text: only the words true and false are booleans, anything else is refused.
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NotificationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a notification id (UUID)' })
  id!: string;
}
