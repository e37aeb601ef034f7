import { ApiPropertyOptional } from '@nestjs/swagger';
import { LOCALES, type Locale } from '@parcours/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class NotificationLanguageQuery {
  @ApiPropertyOptional({ enum: LOCALES, description: "Default: the reader's language" })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}

export class NotificationListQuery extends NotificationLanguageQuery {
  @ApiPropertyOptional({ description: 'true: unread only; false: read only; absent: all' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
