import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EXPORT_KINDS,
  EXPORT_LANGUAGES,
  type ExportKind,
  type ExportLanguage,
} from '@parcours/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { AnalyticsQueryDto } from '../analytics/analytics-query.dto';

const LANG_DESCRIPTION =
  'Header row: French titles (default) or stable English keys (`en`), e.g. transitionId, startupId, fromStage, toStage, effectiveAt';

/** The analytics filters, and the language of the header row. */
export class ExportQueryDto extends AnalyticsQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_LANGUAGES, description: LANG_DESCRIPTION })
  @IsOptional()
  @IsIn(EXPORT_LANGUAGES)
  lang?: ExportLanguage;
}

/** `POST /exports`: a background export, followed with `GET /exports/:id`. */
export class CreateExportDto {
  @ApiProperty({ enum: EXPORT_KINDS })
  @IsIn(EXPORT_KINDS)
  kind!: ExportKind;

  @ApiPropertyOptional({ type: AnalyticsQueryDto, description: 'The analytics filters' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AnalyticsQueryDto)
  filters?: AnalyticsQueryDto;

  @ApiPropertyOptional({ enum: EXPORT_LANGUAGES, description: LANG_DESCRIPTION })
  @IsOptional()
  @IsIn(EXPORT_LANGUAGES)
  lang?: ExportLanguage;
}
