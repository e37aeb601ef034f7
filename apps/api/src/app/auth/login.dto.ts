import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'manager.rouen@demo.parcours.test' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'parcours-demo-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}
