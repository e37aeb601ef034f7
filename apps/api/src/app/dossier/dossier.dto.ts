import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHECKLIST_STATUSES, type ChecklistStatus } from '@parcours/contracts';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class ChecklistQuery {
  /** `all=true`: the items of every stay, not only the current one. */
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  all?: boolean;
}

export class UpdateChecklistItemDto {
  @ApiProperty({ enum: CHECKLIST_STATUSES }) @IsIn(CHECKLIST_STATUSES) status!: ChecklistStatus;
  @ApiPropertyOptional({ description: 'Required to waive an item: the reason' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsUUID() documentId?: string | null;
}

export class TimelineQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
}
