import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  DOMAINS,
  STAGES,
  STARTUP_STATUSES,
  TERRITORIES,
  type DomainCode,
  type Stage,
  type StartupStatus,
  type TerritoryCode,
} from '@parcours/contracts';
import { isValidSiren } from '@parcours/domain';
import { CREATION_STAGES } from '@parcours/server-dossiers';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

@ValidatorConstraint({ name: 'siren' })
class SirenConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidSiren(value);
  }
  defaultMessage(): string {
    return 'siren must be 9 digits with a valid check digit';
  }
}

@ValidatorConstraint({ name: 'notInFuture' })
class NotInFutureConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.slice(0, 10) <= new Date().toISOString().slice(0, 10);
  }
  defaultMessage(): string {
    return 'foundedOn cannot be in the future';
  }
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateStartupDto {
  @ApiProperty({ example: 'Port Data Lab' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) legalName?: string | null;

  @ApiPropertyOptional({ example: '732829320' })
  @IsOptional()
  @Validate(SirenConstraint)
  siren?: string | null;

  @ApiProperty({ enum: DOMAINS }) @IsIn(DOMAINS) domain!: DomainCode;
  @ApiProperty({ enum: TERRITORIES }) @IsIn(TERRITORIES) territory!: TerritoryCode;

  @ApiPropertyOptional({ example: '2024-03-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Validate(NotInFutureConstraint)
  foundedOn?: string | null;

  @ApiPropertyOptional({ enum: CREATION_STAGES, default: 'DETECTION' })
  @IsOptional()
  @IsIn(CREATION_STAGES, {
    message: 'stage must be DETECTION, INCUBATION or NURSERY; later stages are reached by a move',
  })
  stage?: (typeof CREATION_STAGES)[number];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(500) website?:
    | string
    | null;
  @ApiPropertyOptional() @IsOptional() @IsUUID() structureId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsUUID() programmeId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsUUID() cohortId?: string | null;
}

class StartupFieldsDto {
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @IsOptional() @IsString() @MaxLength(300) legalName!: string | null;
  @IsOptional() @Validate(SirenConstraint) siren!: string | null;
  @IsIn(DOMAINS) domain!: DomainCode;
  @IsIn(TERRITORIES) territory!: TerritoryCode;
  @IsOptional() @IsISO8601({ strict: true }) @Validate(NotInFutureConstraint) foundedOn!:
    | string
    | null;
  @IsIn(STARTUP_STATUSES) status!: StartupStatus;
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags!: string[];
  @IsOptional() @IsString() @MaxLength(5000) description!: string | null;
  @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(500) website!: string | null;
}

/** Every field optional; founders may send only description, website and tags. */
export class UpdateStartupDto extends PartialType(StartupFieldsDto) {}

export class ListStartupsQuery {
  @IsOptional() @IsIn(STAGES) stage?: Stage;
  @IsOptional() @IsIn(STARTUP_STATUSES) status?: StartupStatus;
  @IsOptional() @IsUUID() structureId?: string;
  @IsOptional() @IsIn(TERRITORIES) territory?: TerritoryCode;
  @IsOptional() @IsIn(DOMAINS) domain?: DomainCode;
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class StageCountsQuery {
  @IsOptional() @IsIn(STARTUP_STATUSES) status?: StartupStatus;
  @IsOptional() @IsUUID() structureId?: string;
  @IsOptional() @IsIn(TERRITORIES) territory?: TerritoryCode;
  @IsOptional() @IsIn(DOMAINS) domain?: DomainCode;
  @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class ImportStartupsQuery {
  /** The structure that will follow the imported startups (required of managers of several). */
  @IsOptional() @IsUUID() structureId?: string;
}
