import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** A founder or mentor to link: an existing account by e-mail, or a new one invited. */
export class LinkPersonDto {
  @ApiProperty({ example: 'camille.martin@exemple.fr' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: 'Camille Martin' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string | null;
}
