import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_DECISIONS,
  APPLICATION_SCORE_MAX,
  APPLICATION_STATUSES,
  type ApplicationDecision,
  type ApplicationStatus,
} from '@parcours/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class SubmitApplicationDto {
  @ApiProperty() @IsUUID() startupId!: string;
  @ApiProperty({
    description: 'question key → answer text, for the questions of the application form',
    example: { pitch: 'Nous optimisons les tournées de livraison du port du Havre.' },
  })
  @IsObject()
  answers!: Record<string, unknown>;
}

export class ApplicationScoreDto {
  @ApiProperty() @IsString() @MaxLength(60) criterion!: string;
  @ApiProperty({ minimum: 0, maximum: APPLICATION_SCORE_MAX })
  @IsInt()
  @Min(0)
  @Max(APPLICATION_SCORE_MAX)
  score!: number;
}

export class ReviewApplicationDto {
  @ApiProperty({ type: [ApplicationScoreDto], description: 'one score per criterion' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ApplicationScoreDto)
  scores!: ApplicationScoreDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) comment?: string | null;
}

export class ApplicationDecisionDto {
  @ApiProperty({ enum: APPLICATION_DECISIONS })
  @IsIn(APPLICATION_DECISIONS)
  decision!: ApplicationDecision;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

export class ApplicationsQuery {
  @IsOptional() @IsUUID() programmeId?: string;
  @IsOptional() @IsUUID() startupId?: string;
  @IsOptional() @IsIn(APPLICATION_STATUSES) status?: ApplicationStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
