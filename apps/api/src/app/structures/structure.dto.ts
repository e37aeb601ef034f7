import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  PIPELINE_STAGES,
  PROGRAMME_MODES,
  STRUCTURE_KINDS,
  TERRITORIES,
  type PipelineStage,
  type ProgrammeMode,
  type StructureKind,
  type TerritoryCode,
} from '@parcours/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
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

export class CreateStructureDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: STRUCTURE_KINDS }) @IsIn(STRUCTURE_KINDS) kind!: StructureKind;
  @ApiPropertyOptional({ enum: TERRITORIES })
  @IsOptional()
  @IsIn(TERRITORIES)
  territory?: TerritoryCode | null;
  @ApiPropertyOptional() @IsOptional() @IsUUID() placeId?: string | null;
}

export class UpdateStructureDto extends PartialType(CreateStructureDto) {}

export class StructuresQuery {
  @IsOptional() @IsIn(STRUCTURE_KINDS) kind?: StructureKind;
  @IsOptional() @IsIn(TERRITORIES) territory?: TerritoryCode;
}

export class ChecklistTemplateItemDto {
  @ApiProperty()
  @Matches(/^[a-z0-9-]{1,60}$/, { message: 'key: lowercase letters, digits and dashes' })
  key!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiProperty() @IsBoolean() required!: boolean;
}

export class ApplicationQuestionDto {
  @ApiProperty()
  @Matches(/^[a-z0-9-]{1,60}$/, { message: 'key: lowercase letters, digits and dashes' })
  key!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) label!: string;
  @ApiProperty() @IsBoolean() required!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(20_000) maxLength?: number;
}

export class ApplicationCriterionDto {
  @ApiProperty()
  @Matches(/^[a-z0-9-]{1,60}$/, { message: 'key: lowercase letters, digits and dashes' })
  key!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) label!: string;
  @ApiProperty({ description: 'relative weight' }) @IsInt() @Min(1) @Max(100) weight!: number;
}

class ProgrammeFieldsDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: PIPELINE_STAGES }) @IsIn(PIPELINE_STAGES) stage!: PipelineStage;
  @ApiProperty({ enum: PROGRAMME_MODES }) @IsIn(PROGRAMME_MODES) mode!: ProgrammeMode;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100_000) capacity?: number | null;
  @ApiProperty() @IsInt() @Min(1) @Max(3650) reviewIntervalDays!: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(3650) timeInStageLimitDays?:
    | number
    | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() allowsDirectEntry?: boolean;
  @ApiPropertyOptional({ type: [ChecklistTemplateItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ChecklistTemplateItemDto)
  checklistTemplate?: ChecklistTemplateItemDto[];
  @ApiPropertyOptional() @IsOptional() @IsObject() targets?: Record<string, number>;
  @ApiPropertyOptional({ type: [ApplicationQuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique((question: ApplicationQuestionDto) => question.key, { message: 'keys must differ' })
  @ValidateNested({ each: true })
  @Type(() => ApplicationQuestionDto)
  applicationQuestions?: ApplicationQuestionDto[];
  @ApiPropertyOptional({ type: [ApplicationCriterionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique((criterion: ApplicationCriterionDto) => criterion.key, {
    message: 'keys must differ',
  })
  @ValidateNested({ each: true })
  @Type(() => ApplicationCriterionDto)
  applicationCriteria?: ApplicationCriterionDto[];
  @ApiPropertyOptional({ description: 'reviews needed before the average is known' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  reviewersRequired?: number;
  @ApiPropertyOptional({ description: 'entry needs a hosting agreement covering the move day' })
  @IsOptional()
  @IsBoolean()
  requiresHostingAgreement?: boolean;
}

export class CreateProgrammeDto extends ProgrammeFieldsDto {
  @ApiProperty() @IsUUID() structureId!: string;
}

export class UpdateProgrammeDto extends PartialType(ProgrammeFieldsDto) {}

export class ProgrammesQuery {
  @IsOptional() @IsUUID() structureId?: string;
  @IsOptional() @IsIn(PIPELINE_STAGES) stage?: PipelineStage;
}

export class CreateCohortDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: '2026-09-01' }) @IsISO8601({ strict: true }) startsOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) endsOn?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10_000) capacity?: number | null;
}
