import type { RegionLevel } from './roles';

/** A node of the region tree (行政区划). */
export interface RegionDto {
  /** National division code at the level's own length: `33`, `3301`, `330127`, `330127111`, `330127111264`. */
  code: string;
  /** Display name without the committee suffix, e.g. 下姜村. */
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Materialized path of codes from the root, dot-separated: `33.3301.330127`. */
  path: string;
  /** Whether the region has child regions (false for villages). */
  hasChildren: boolean;
}

/** A region with its ancestors, root first (the region itself is not repeated in `ancestors`). */
export interface RegionDetailDto extends RegionDto {
  ancestors: RegionDto[];
}

/** A search hit: the region and the names of its ancestors below the province, nearest last. */
export interface RegionSearchHit extends RegionDto {
  /** e.g. `杭州市 / 淳安县 / 枫树岭镇` for 下姜村. */
  context: string;
}
