import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed links to uploaded files: `<video src>`, `<img src>` and PDF readers cannot send our bearer
 * token, so the API hands each signed-in user links that name them and expire. Expiry is rounded up
 * to the hour so a page reloaded within the hour gets the same link (and the browser's cached copy).
 */
export class MediaLinks {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = createHmac('sha256', secret).update('lingyan:media-links:v1').digest();
  }

  sign(mediaId: string, userId: string, now = Date.now()): { url: string; expiresAt: Date } {
    const expires = Math.ceil((now / 1000 + this.ttlSeconds) / 3600) * 3600;
    const signature = this.signature(mediaId, userId, expires);
    return {
      url: `/api/media/${mediaId}/content?u=${userId}&e=${expires}&s=${signature}`,
      expiresAt: new Date(expires * 1000),
    };
  }

  /** True when the link was made by `sign` for this media and user and has not expired. */
  verify(mediaId: string, userId: string, expires: number, signature: string, now = Date.now()): boolean {
    if (!Number.isSafeInteger(expires) || expires * 1000 <= now) return false;
    const expected = Buffer.from(this.signature(mediaId, userId, expires));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private signature(mediaId: string, userId: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${mediaId}:${userId}:${expires}`).digest('base64url');
  }
}
