import { ApiPropertyOptional } from '@nestjs/swagger';
import { DOMAINS, TERRITORIES, type DomainCode, type TerritoryCode } from '@parcours/contracts';
import type { AnalyticsQuery } from '@parcours/server-analytics';
import { validationProblem } from '@parcours/server-http';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

/** A calendar date (midnight UTC) or a date and time, with or without an offset (UTC if none). */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 date (2026-01-31) or date and time';

/** The filters of every `/analytics/*` endpoint (SPEC §3 "Analytics definitions"). */
export class AnalyticsQueryDto {
  @ApiPropertyOptional({
    description: 'Inclusive; a date alone is midnight UTC. Absent: the beginning of time.',
    example: '2025-01-01',
  })
  @IsOptional()
  @Matches(INSTANT, { message: `from ${INSTANT_MESSAGE}` })
  @IsISO8601({ strict: true }, { message: `from ${INSTANT_MESSAGE}` })
  from?: string;

  @ApiPropertyOptional({
    description: 'Exclusive; a date alone is midnight UTC. Absent: now.',
    example: '2026-01-01',
  })
  @IsOptional()
  @Matches(INSTANT, { message: `to ${INSTANT_MESSAGE}` })
  @IsISO8601({ strict: true }, { message: `to ${INSTANT_MESSAGE}` })
  to?: string;

  @ApiPropertyOptional({ enum: TERRITORIES })
  @IsOptional()
  @IsIn(TERRITORIES)
  territory?: TerritoryCode;
  @ApiPropertyOptional({ enum: DOMAINS }) @IsOptional() @IsIn(DOMAINS) domain?: DomainCode;

  @ApiPropertyOptional({ description: 'Startups that this structure follows or followed' })
  @IsOptional()
  @IsUUID()
  structureId?: string;

  @ApiPropertyOptional({ description: 'Startups with a stay in this programme' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ description: 'Startups with a stay in this cohort' })
  @IsOptional()
  @IsUUID()
  cohortId?: string;
}

/** An ISO instant as a Date; a date-time without an offset is read as UTC. */
function instant(value: string): Date {
  const withZone = /T/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? `${value}Z` : value;
  return new Date(withZone);
}

/** The service's query: instants resolved (`to` defaults to now), `from` before `to` checked. */
export function toAnalyticsQuery(dto: AnalyticsQueryDto, now = new Date()): AnalyticsQuery {
  const from = dto.from === undefined ? null : instant(dto.from);
  const to = dto.to === undefined ? now : instant(dto.to);
  if (from !== null && from.getTime() >= to.getTime()) {
    throw validationProblem([
      {
        path: dto.to === undefined ? 'from' : 'to',
        message: 'the period must end after it begins',
      },
    ]);
  }
  return {
    from,
    to,
    territory: dto.territory,
    domain: dto.domain,
    structureId: dto.structureId,
    programmeId: dto.programmeId,
    cohortId: dto.cohortId,
  };
}
