import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class RegionCodeParam {
  @ApiProperty({ example: '330127', description: 'Division code of 2, 4, 6, 9 or 12 digits.' })
  @Matches(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, { message: 'code must be a region code of 2, 4, 6, 9 or 12 digits' })
  code!: string;
}

export class RegionSearchQuery {
  @ApiProperty({ example: '下姜', description: 'Part of a region name.' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  q!: string;
}
