import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSENT_DECISIONS,
  DECISIONS,
  STAGES,
  TRANSITION_STATUSES,
  type ConsentDecision,
  type Decision,
  type Stage,
  type TransitionStatus,
} from '@parcours/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class RequestTransitionDto {
  @ApiProperty({ enum: STAGES }) @IsIn(STAGES) toStage!: Stage;
  @ApiPropertyOptional() @IsOptional() @IsUUID() programmeId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsUUID() cohortId?: string | null;
  @ApiPropertyOptional({ description: 'Required for back-moves and exits' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS }) @IsIn(DECISIONS) decision!: Decision;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

export class ConsentDto {
  @ApiProperty({ enum: CONSENT_DECISIONS }) @IsIn(CONSENT_DECISIONS) decision!: ConsentDecision;
  @ApiPropertyOptional({ description: 'Told to the requester' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class InboxQuery {
  @IsOptional() @IsIn(TRANSITION_STATUSES) status?: TransitionStatus;
  @IsOptional() @IsUUID() structureId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class BulkTransitionDto extends RequestTransitionDto {
  @ApiProperty({ type: [String], description: 'The startups to move, at most 500' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  startupIds!: string[];
}
