import type { Position, RegionLevel, Role } from './roles';

/** The home region of a user as shown beside them. */
export interface UserRegionDto {
  code: string;
  name: string;
  level: RegionLevel;
  /** Names from the city down to the region itself, e.g. `杭州市 / 淳安县 / 枫树岭镇 / 下姜村`. */
  label: string;
}

export interface UserDto {
  id: string;
  username: string;
  name: string;
  phone: string | null;
  roles: Role[];
  position: Position | null;
  region: UserRegionDto;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateUserRequest {
  username: string;
  name: string;
  password: string;
  roles: Role[];
  regionCode: string;
  position?: Position | null;
  phone?: string | null;
}

export interface UpdateUserRequest {
  name?: string;
  roles?: Role[];
  regionCode?: string;
  position?: Position | null;
  phone?: string | null;
  active?: boolean;
  password?: string;
}

/** Query of `GET /api/users`. */
export interface UserListQuery {
  page?: number;
  limit?: number;
  /** Only users holding this role. */
  role?: Role;
  /** Only users whose home region is in this region's subtree (within the caller's scope). */
  regionCode?: string;
  /** Matches name, username or phone. */
  q?: string;
  active?: boolean;
}
