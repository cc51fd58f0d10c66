import type { TokenPair } from '@lingyan/contracts';

export const SESSION_STORAGE_KEY = 'lingyan.session';

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

/** The tokens survive a reload in localStorage so that deep links keep the user signed in. */
export const sessionStore = {
  read(): StoredSession | null {
    try {
      const raw = localStorage.getItem(SESSION_STORAGE_KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<StoredSession>;
      return typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string'
        ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken }
        : null;
    } catch {
      return null;
    }
  },
  write(tokens: TokenPair): StoredSession {
    const session = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
    try {
      localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    } catch {
      // without storage the session lasts until the next reload
    }
    return session;
  },
  clear(): void {
    try {
      localStorage.removeItem(SESSION_STORAGE_KEY);
    } catch {
      // nothing to clear
    }
  },
};
