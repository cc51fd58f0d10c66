import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError } from '../common/domain-error';
import { RefreshToken } from './refresh-token.entity';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function invalid(): DomainError {
  return new DomainError('INVALID_REFRESH_TOKEN', 'The session has ended; sign in again.');
}

/**
 * Refresh-token families. A token is `<id>.<secret>`; only the secret's hash is stored. Each
 * refresh uses up the token and issues the next one of its family; presenting a used token again
 * revokes the whole family.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a new family for a user who just signed in. */
  start(userId: string): Promise<string> {
    return this.issue(this.dataSource.manager, userId, randomUUID());
  }

  /** Uses up a refresh token and returns the next one with its user, or throws INVALID_REFRESH_TOKEN. */
  async rotate(token: string): Promise<{ userId: string; refreshToken: string }> {
    const parsed = parse(token);
    if (!parsed) throw invalid();
    const outcome = await this.dataSource.transaction(async (tx) => {
      const row = await tx.getRepository(RefreshToken).findOne({
        where: { id: parsed.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || !matches(row.secretHash, parsed.secret)) return { error: true as const };
      if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) return { error: true as const };
      if (row.usedAt) {
        // A used token came back: whoever holds the family is not to be trusted. End it.
        await this.revokeFamily(tx, row.familyId);
        return { error: true as const };
      }
      await tx.getRepository(RefreshToken).update({ id: row.id }, { usedAt: new Date() });
      const refreshToken = await this.issue(tx, row.userId, row.familyId);
      return { error: false as const, userId: row.userId, refreshToken };
    });
    if (outcome.error) throw invalid();
    return { userId: outcome.userId, refreshToken: outcome.refreshToken };
  }

  /** Signs out: ends the family of the given token. Unknown tokens are ignored. */
  async end(token: string): Promise<void> {
    const parsed = parse(token);
    if (!parsed) return;
    const row = await this.dataSource.getRepository(RefreshToken).findOneBy({ id: parsed.id });
    if (row && matches(row.secretHash, parsed.secret)) await this.revokeFamily(this.dataSource.manager, row.familyId);
  }

  /** Ends every session of a user (deactivation, role or region change, new password). */
  async endAllForUser(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(RefreshToken).update({ userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.getRepository(RefreshToken).update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  private async issue(manager: EntityManager, userId: string, familyId: string): Promise<string> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await manager.getRepository(RefreshToken).insert({
      id,
      userId,
      familyId,
      secretHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
    });
    return `${id}.${secret}`;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parse(token: string): { id: string; secret: string } | null {
  const [id, secret, ...rest] = token.split('.');
  if (rest.length > 0 || !id || !secret || !UUID.test(id)) return null;
  return { id, secret };
}

function matches(storedHash: string, secret: string): boolean {
  const a = Buffer.from(storedHash, 'hex');
  const b = Buffer.from(sha256(secret), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
