import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { LOCALES, type Locale } from '@parcours/contracts';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Browsers send the refresh token as the cookie; other clients put it in the body. */
export class RefreshDto {
  @ApiPropertyOptional({ description: 'Without it, the parcours_refresh cookie is used' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken?: string;
}

export class LogoutDto extends RefreshDto {}

/** The second step of a sign-in: exactly one of `code` and `recoveryCode`. */
export class MfaSignInDto {
  @ApiProperty({ description: 'The mfaToken of the login answer' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  mfaToken!: string;

  @ApiPropertyOptional({ example: '123456', description: 'The 6 digits of the authenticator' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits shown by the authenticator' })
  code?: string;

  @ApiPropertyOptional({ example: 'ABCD-EFGH-JKMN', description: 'One of the recovery codes' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  recoveryCode?: string;
}

export class MfaConfirmDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits shown by the authenticator' })
  code!: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token of the invitation link' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;

  @ApiProperty({ description: 'At least 12 characters, not a common password' })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of e-mails and screens' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}
