import { RefreshToken } from '../auth/refresh-token.entity';
import { Region } from '../regions/region.entity';
import { User } from '../users/user.entity';

/** Every entity, listed explicitly so the bundled API carries them. */
export const ENTITIES = [Region, User, RefreshToken];
