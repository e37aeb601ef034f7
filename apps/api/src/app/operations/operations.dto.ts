import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class FailedStepsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AbandonWorkflowDto {
  @ApiProperty({ description: 'Why the remaining steps are given up; recorded on each step' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;
}
