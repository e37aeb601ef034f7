import { ApiProperty } from '@nestjs/swagger';
import {
  ECOSYSTEM_TARGET_MAX_HORIZON_YEARS,
  ECOSYSTEM_TARGET_METRICS,
  type EcosystemTargetMetric,
} from '@parcours/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class EcosystemTargetDto {
  @ApiProperty({ enum: ECOSYSTEM_TARGET_METRICS })
  @IsIn(ECOSYSTEM_TARGET_METRICS)
  metric!: EcosystemTargetMetric;

  @ApiProperty({ example: 3, description: 'Years from the programme start' })
  @IsInt()
  @Min(1)
  @Max(ECOSYSTEM_TARGET_MAX_HORIZON_YEARS)
  horizonYears!: number;

  @ApiProperty({ example: 25 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e12)
  target!: number;
}

export class ReplaceEcosystemTargetsDto {
  @ApiProperty({ type: [EcosystemTargetDto] })
  @IsArray()
  @ArrayMaxSize(ECOSYSTEM_TARGET_METRICS.length * ECOSYSTEM_TARGET_MAX_HORIZON_YEARS)
  @ValidateNested({ each: true })
  @Type(() => EcosystemTargetDto)
  items!: EcosystemTargetDto[];
}
