import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page, UserDto } from '@lingyan/contracts';
import { Auth, AnyRole, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { CreateUserDto, UpdateUserDto, UserIdParam, UserListQueryDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Auth('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ description: 'Users whose home region is in your subtree, newest first.' })
  list(@CurrentUser() actor: AuthUser, @Query() query: UserListQueryDto): Promise<Page<UserDto>> {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ description: 'No such user in your region.' })
  get(@CurrentUser() actor: AuthUser, @Param() params: UserIdParam): Promise<UserDto> {
    return this.users.get(actor, params.id);
  }

  @Post()
  @ApiCreatedResponse({ description: 'The new user.' })
  @ApiConflictResponse({ description: 'The username is taken.' })
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @ApiConflictResponse({ description: 'You cannot deactivate yourself or drop your own admin role.' })
  update(@CurrentUser() actor: AuthUser, @Param() params: UserIdParam, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, params.id, body);
  }
}

@ApiTags('users')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @AnyRole()
  @ApiOkResponse({ description: 'The signed-in user.' })
  me(@CurrentUser() actor: AuthUser): Promise<UserDto> {
    return this.users.getDto(actor.id);
  }
}
