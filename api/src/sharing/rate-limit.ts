import type { EntityManager } from 'typeorm';
import { SHARING_RATE_LIMITS } from '@lingyan/contracts';
import { DomainError } from '../common/domain-error';

type Limited = keyof typeof SHARING_RATE_LIMITS;

/** What each limit counts: the user's rows of the last minutes ($1 user, $2 minutes). */
const COUNTS: Record<Limited, string> = {
  postsStarted: `SELECT count(*)::int AS n FROM post WHERE author_id = $1 AND created_at > now() - make_interval(mins => $2)`,
  postsPublished: `SELECT count(*)::int AS n FROM post
                    WHERE author_id = $1 AND published_at > now() - make_interval(mins => $2)`,
  comments: `SELECT count(*)::int AS n FROM post_comment
              WHERE author_id = $1 AND created_at > now() - make_interval(mins => $2)`,
};

/**
 * Refuses (429) when the user has reached a sharing limit, counting their own rows in PostgreSQL. Call
 * it inside the transaction that writes: a per-user advisory lock makes concurrent requests of one
 * user count one after the other, so a burst cannot slip past the limit.
 */
export async function withinRateLimit(tx: EntityManager, userId: string, what: Limited, scale: number): Promise<void> {
  if (scale === 0) return;
  const count = SHARING_RATE_LIMITS[what].count * scale;
  const { minutes } = SHARING_RATE_LIMITS[what];
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`sharing:${what}:${userId}`]);
  const [{ n }] = await tx.query<Array<{ n: number }>>(COUNTS[what], [userId, minutes]);
  if (n >= count) {
    throw new DomainError(
      'RATE_LIMITED',
      `At most ${count} in ${minutes} minutes; please wait a little before the next one.`,
    );
  }
}
