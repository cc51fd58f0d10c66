import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { UsersService } from '../users/users.service';
import { LoginThrottleService } from './login-throttle.service';
import { dummyPasswordHash, verifyPassword } from './passwords';
import type { AuthUser } from './auth-user';

/** Username and password sign-in, throttled per client and per account. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottleService,
  ) {
    super({ passReqToCallback: true });
  }

  async validate(request: FastifyRequest, username: string, password: string): Promise<AuthUser> {
    const ip = request.ip;
    await this.throttle.assertAllowed(ip, username);
    const account = await this.users.findForLogin(username);
    const valid = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!account || !valid) {
      await this.throttle.recordFailure(ip, username);
      throw new DomainError('INVALID_CREDENTIALS', 'The username or password is wrong.');
    }
    if (!account.active) throw new DomainError('ACCOUNT_INACTIVE', 'This account has been deactivated.');
    await this.throttle.recordSuccess(ip, username);
    const user = await this.users.findAuthUser(account.id);
    if (!user) throw new DomainError('ACCOUNT_INACTIVE', 'This account has been deactivated.');
    return user;
  }
}
