import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { LoginResponse } from '@lingyan/contracts';
import { AuthService } from './auth.service';
import { CurrentUser, Public } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { LoginDto, RefreshDto } from './auth.dto';
import { LocalAuthGuard } from './local-auth.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ description: 'Access token (15 minutes), refresh token and the user.' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed sign-ins from this client or for this account.' })
  login(@CurrentUser() user: AuthUser): Promise<LoginResponse> {
    return this.auth.login(user);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'A new token pair; the refresh token sent is used up.' })
  refresh(@Body() body: RefreshDto): Promise<LoginResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }
}
