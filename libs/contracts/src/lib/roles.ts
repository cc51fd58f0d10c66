/** The four roles of the platform. A user holds one or more. */
export const ROLES = ['trainee', 'trainer', 'mentor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A cadre's position in the village "two committees" (村"两委"). */
export const POSITIONS = ['secretary', 'director', 'member', 'reserve'] as const;
export type Position = (typeof POSITIONS)[number];

/** Levels of the administrative region tree, from the root down. */
export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
