import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError } from '../common/domain-error';
import { UsersService } from '../users/users.service';
import type { AuthUser } from './auth-user';

export interface AccessTokenPayload {
  sub: string;
  username: string;
}

/** Verifies the bearer token, then loads the user: a deactivated user is shut out at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string or Buffer, jsonwebtoken first tries (and fails)
      // to parse it as a public key on every request, which cost more CPU than the rest of the
      // request. jsonwebtoken accepts KeyObjects; passport-jwt's types only lag behind.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: AccessTokenPayload): Promise<AuthUser> {
    const user = await this.users.findAuthUser(payload.sub);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'This account is no longer active; sign in again.');
    return user;
  }
}
