import type { Role } from '@lingyan/contracts';

/** The signed-in user as every guarded handler sees it: loaded fresh from the database per request. */
export interface AuthUser {
  id: string;
  username: string;
  name: string;
  roles: Role[];
  regionCode: string;
  /** Materialized path of the home region; the root of the user's region scope. */
  regionPath: string;
}
