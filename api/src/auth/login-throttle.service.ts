import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError } from '../common/domain-error';

/**
 * Counts failed sign-ins per client address and per (client, account) in PostgreSQL, so every API
 * instance sees the same counts. The client address is the socket's (or the trusted proxy's
 * forwarded one, only when TRUST_PROXY_HOPS is set): a forged X-Forwarded-For does not reset it.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(ip: string, username: string): { account: string; client: string } {
    return { account: `account:${ip}:${username.toLowerCase()}`, client: `client:${ip}` };
  }

  /** Throws TOO_MANY_ATTEMPTS while either counter is at its limit. */
  async assertAllowed(ip: string, username: string): Promise<void> {
    const { account, client } = this.keys(ip, username);
    const rows: Array<{ key: string; failures: number; retry_after: number }> = await this.dataSource.query(
      `SELECT key, failures,
              ceil(extract(epoch FROM (window_start + make_interval(secs => $2) - now())))::int AS retry_after
         FROM login_failure
        WHERE key = ANY($1) AND window_start > now() - make_interval(secs => $2)`,
      [[account, client], this.config.loginWindowSeconds],
    );
    for (const row of rows) {
      const limit =
        row.key === account ? this.config.loginMaxFailuresPerAccount : this.config.loginMaxFailuresPerClient;
      if (row.failures >= limit) {
        throw new DomainError('TOO_MANY_ATTEMPTS', 'Too many failed sign-ins; wait a while and try again.', [
          { field: 'retryAfter', problems: [String(Math.max(1, row.retry_after))] },
        ]);
      }
    }
  }

  async recordFailure(ip: string, username: string): Promise<void> {
    const { account, client } = this.keys(ip, username);
    await this.dataSource.query(
      `INSERT INTO login_failure (key, window_start, failures)
       SELECT k, now(), 1 FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_failure.window_start <= now() - make_interval(secs => $2) THEN 1
                         ELSE login_failure.failures + 1 END,
         window_start = CASE WHEN login_failure.window_start <= now() - make_interval(secs => $2) THEN now()
                             ELSE login_failure.window_start END`,
      [[account, client], this.config.loginWindowSeconds],
    );
  }

  async recordSuccess(ip: string, username: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failure WHERE key = $1`, [this.keys(ip, username).account]);
  }
}
