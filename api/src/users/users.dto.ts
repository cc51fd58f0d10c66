import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidateIf,
} from 'class-validator';
import {
  POSITIONS,
  ROLES,
  type CreateUserRequest,
  type Position,
  type Role,
  type UpdateUserRequest,
  type UserListQuery,
} from '@lingyan/contracts';
import { PHONE_PATTERN, USERNAME_PATTERN, passwordProblem } from '@lingyan/domain';
import { PageQuery } from '../common/paging';
import { present, trim } from '../common/validation';

const REGION_CODE = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

const PASSWORD_MESSAGES = {
  too_short: 'password must be at least 8 characters',
  too_long: 'password must be at most 128 characters',
  too_simple: 'password must mix at least three of: lower case, upper case, digits, symbols',
} as const;

/** The password rule of `@lingyan/domain`, as a validation decorator. */
function IsStrongPassword(): PropertyDecorator {
  return (target, propertyName) => {
    let problem: keyof typeof PASSWORD_MESSAGES = 'too_simple';
    registerDecorator({
      name: 'isStrongPassword',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          const found = passwordProblem(value);
          if (found) problem = found;
          return found === null;
        },
        defaultMessage: () => PASSWORD_MESSAGES[problem],
      },
    });
  };
}

export class UserIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a user id (UUID)' })
  id!: string;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'xiajiang-wang', description: '3–64 letters, digits, dot, dash or underscore.' })
  @Transform(trim)
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–64 letters, digits, dots, dashes or underscores' })
  username!: string;

  @ApiProperty({ example: '王小明' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(64)
  name!: string;

  @ApiProperty({ example: 'Lingyan@2026' })
  @IsStrongPassword()
  password!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiProperty({ example: '330127111264' })
  @Matches(REGION_CODE, { message: 'regionCode must be a region code of 2, 4, 6, 9 or 12 digits' })
  regionCode!: string;

  @ApiPropertyOptional({ enum: POSITIONS, nullable: true })
  @IsOptional()
  @IsIn(POSITIONS)
  position?: Position | null;

  @ApiPropertyOptional({ example: '13800000000', nullable: true })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'phone must be an 11-digit mobile number' })
  phone?: string | null;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional()
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(64)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @ValidateIf(present)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @ValidateIf(present)
  @Matches(REGION_CODE, { message: 'regionCode must be a region code of 2, 4, 6, 9 or 12 digits' })
  regionCode?: string;

  @ApiPropertyOptional({ enum: POSITIONS, nullable: true })
  @IsOptional()
  @IsIn(POSITIONS)
  position?: Position | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'phone must be an 11-digit mobile number' })
  phone?: string | null;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsStrongPassword()
  password?: string;
}

export class UserListQueryDto extends PageQuery implements UserListQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ example: '330127' })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'regionCode must be a region code of 2, 4, 6, 9 or 12 digits' })
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Part of the name, username or phone.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}
