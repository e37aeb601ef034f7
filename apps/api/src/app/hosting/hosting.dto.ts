import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HOSTING_UNIT_KINDS, type HostingUnitKind } from '@parcours/contracts';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

export class CreateHostingUnitDto {
  @ApiProperty({ example: 'Bureau 12' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: HOSTING_UNIT_KINDS }) @IsIn(HOSTING_UNIT_KINDS) kind!: HostingUnitKind;
  @ApiProperty({ description: 'seats' }) @IsInt() @Min(1) @Max(1000) capacity!: number;
}

export class OccupancyQuery {
  @ApiPropertyOptional({ description: 'the day (ISO date), today by default' })
  @IsOptional()
  @IsISO8601({ strict: true })
  on?: string;
}

export class CreateHostingAgreementDto {
  @ApiProperty() @IsUUID() unitId!: string;
  @ApiProperty({ example: '2026-09-01', description: 'first hosted day' })
  @IsISO8601({ strict: true })
  startsOn!: string;
  @ApiPropertyOptional({ description: 'last hosted day (inclusive); open-ended when absent' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endsOn?: string | null;
  @ApiProperty() @IsInt() @Min(1) @Max(1000) seats!: number;
  @ApiPropertyOptional({ description: 'monthly rent in euros, excluding tax' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(10_000_000)
  monthlyRentEur?: number;
}

export class UpdateHostingAgreementDto {
  @ApiProperty({
    nullable: true,
    description: 'last hosted day (inclusive); null makes the agreement open-ended again',
  })
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  endsOn!: string | null;
}
