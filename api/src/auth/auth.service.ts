import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResponse } from '@lingyan/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError } from '../common/domain-error';
import { UsersService } from '../users/users.service';
import type { AuthUser } from './auth-user';
import type { AccessTokenPayload } from './jwt.strategy';
import { SessionsService } from './sessions.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(user: AuthUser): Promise<LoginResponse> {
    const refreshToken = await this.sessions.start(user.id);
    return this.respond(user, refreshToken);
  }

  async refresh(token: string): Promise<LoginResponse> {
    const { userId, refreshToken } = await this.sessions.rotate(token);
    const user = await this.users.findAuthUser(userId);
    if (!user) {
      await this.sessions.endAllForUser(userId);
      throw new DomainError('INVALID_REFRESH_TOKEN', 'The session has ended; sign in again.');
    }
    return this.respond(user, refreshToken);
  }

  logout(token: string): Promise<void> {
    return this.sessions.end(token);
  }

  private async respond(user: AuthUser, refreshToken: string): Promise<LoginResponse> {
    const payload: AccessTokenPayload = { sub: user.id, username: user.username };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.accessTokenTtlSeconds });
    return {
      accessToken,
      refreshToken,
      expiresIn: this.config.accessTokenTtlSeconds,
      user: await this.users.getDto(user.id),
    };
  }
}
