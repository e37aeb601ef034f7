import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export const DEFAULT_AUDIT_PAGE_SIZE = 50;

export class AuditQueryDto {
  @ApiPropertyOptional({
    description: 'The entity the entries are about (a transition id, a startup id...)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(400)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() startupId?: string;

  @ApiPropertyOptional({ example: 'transition.decided' })
  @IsOptional()
  @Matches(/^[a-z][a-z_]*([.][a-z][a-z_]*)+$/, { message: 'action must look like "subject.verb"' })
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ description: 'Inclusive, ISO 8601', example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Exclusive, ISO 8601', example: '2026-02-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: DEFAULT_AUDIT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}
