import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GRANT_SCOPES,
  LOCALES,
  ROLES,
  type GrantScope,
  type Locale,
  type Role,
} from '@parcours/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Query strings carry text: only the words true and false are booleans. */
const queryBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class GrantDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiProperty({ enum: GRANT_SCOPES }) @IsIn(GRANT_SCOPES) scope!: GrantScope;
  @ApiPropertyOptional({
    description: 'Territory code, structure id or startup id; absent for GLOBAL',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  scopeId?: string | null;
}

export class CreateUserDto {
  @ApiProperty({ example: 'camille.martin@example.fr' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Camille Martin' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;

  @ApiPropertyOptional({ description: 'Without it, an invitation link is issued' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({ type: [GrantDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GrantDto)
  grants?: GrantDto[];

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of the invitation e-mail; fr' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ description: 'true ends every session of the account at once' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class UsersQuery {
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @IsIn(ROLES) role?: Role;
  @IsOptional() @Transform(queryBoolean) @IsBoolean() disabled?: boolean;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}
