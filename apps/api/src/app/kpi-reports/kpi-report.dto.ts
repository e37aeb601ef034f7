import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const COUNTRY = /^[A-Za-z]{2}$/;
const MAX_EUR = 1_000_000_000_000;

export class TradeShowDto {
  @ApiProperty({ example: 'CES' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  event!: string;

  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2' })
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country!: string;

  @ApiProperty({ example: '2026-01-07' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  date!: string;
}

export class KpiReportDto {
  @ApiProperty({ example: '2026-Q3' })
  @Matches(/^\d{4}-Q[1-4]$/, { message: 'quarter must be a quarter like 2026-Q3' })
  quarter!: string;

  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(1_000_000) headcount!: number;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(1_000_000) jobsCreated!: number;
  @ApiProperty({ minimum: 0, description: 'whole euros' })
  @IsInt()
  @Min(0)
  @Max(MAX_EUR)
  revenueEur!: number;
  @ApiProperty({ minimum: 0, description: 'whole euros' })
  @IsInt()
  @Min(0)
  @Max(MAX_EUR)
  fundsRaisedEur!: number;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(100_000_000) customers!: number;

  @ApiProperty({ type: [String], example: ['BE', 'DE'] })
  @IsArray()
  @ArrayMaxSize(250)
  @Matches(COUNTRY, { each: true, message: 'exportCountries must be ISO 3166-1 alpha-2 codes' })
  exportCountries!: string[];

  @ApiProperty({ type: [TradeShowDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TradeShowDto)
  tradeShows!: TradeShowDto[];
}
