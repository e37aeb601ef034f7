import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTION_ITEM_STATUSES,
  SESSION_FORMATS,
  type ActionItemStatus,
  type SessionFormat,
} from '@parcours/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
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
  ValidateNested,
} from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class NewActionItemDto {
  @ApiProperty({ example: 'Envoyer le plan de financement à jour' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ description: 'A founder or mentor of the startup (default: nobody)' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({ example: '2026-12-15', description: 'ISO date' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'dueOn must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  dueOn?: string | null;
}

export class CreateSessionDto {
  @ApiProperty({ example: '2026-11-24T14:00:00+01:00', description: 'When it was held' })
  @IsISO8601({ strict: true })
  heldAt!: string;

  @ApiProperty({ minimum: 1, maximum: 1440, example: 60 })
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes!: number;

  @ApiProperty({ enum: SESSION_FORMATS })
  @IsIn(SESSION_FORMATS)
  format!: SessionFormat;

  @ApiPropertyOptional({ type: [String], example: ['financement', 'recrutement'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ description: 'Read by everyone who may read the session' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;

  @ApiPropertyOptional({
    description: 'Read only by the startup’s mentors, its managers and admins',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  privateNotes?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  sharedWithFounders?: boolean;

  @ApiPropertyOptional({ type: [NewActionItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => NewActionItemDto)
  actionItems?: NewActionItemDto[];
}

export class UpdateActionItemDto {
  @ApiPropertyOptional({ enum: ACTION_ITEM_STATUSES })
  @IsOptional()
  @IsIn(ACTION_ITEM_STATUSES)
  status?: ActionItemStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2026-12-15' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'dueOn must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  dueOn?: string | null;
}

export class MyActionItemsQuery {
  /** One status; without it, the open ones (OPEN and IN_PROGRESS). */
  @IsOptional()
  @IsIn(ACTION_ITEM_STATUSES)
  status?: ActionItemStatus;
}
