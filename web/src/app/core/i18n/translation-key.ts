import type { ErrorCode, Position, RegionLevel, Role } from '@lingyan/contracts';
import type { zh } from './zh';

export type TranslationKey = keyof typeof zh;

/** A dictionary with exactly the keys of the Chinese source dictionary. */
export type Dictionary = { readonly [K in TranslationKey]: string };

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** Error codes the client adds to the API's own. */
export type ClientErrorCode = 'NETWORK' | 'UNKNOWN' | 'SESSION_EXPIRED';

// Compile-time checks that every role, position, level and error code has a message.
type Assert<T extends true> = T;
type Covers<K extends string> = K extends TranslationKey ? true : false;
export type _RolesCovered = Assert<Covers<`role.${Role}`>>;
export type _PositionsCovered = Assert<Covers<`position.${Position}`>>;
export type _LevelsCovered = Assert<Covers<`level.${RegionLevel}`>>;
export type _ErrorsCovered = Assert<Covers<`errors.${ErrorCode | ClientErrorCode}`>>;

export const roleKey = (role: Role): TranslationKey => `role.${role}`;
export const positionKey = (position: Position): TranslationKey => `position.${position}`;
export const levelKey = (level: RegionLevel): TranslationKey => `level.${level}`;
export const errorKey = (code: ErrorCode | ClientErrorCode): TranslationKey => `errors.${code}`;
