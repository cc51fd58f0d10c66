import type { RegionLevel } from '@lingyan/contracts';
import { REGION_LEVELS } from '@lingyan/contracts';

/** Length of a national division code at each level (province 33, city 3301, …, village 330127111264). */
export const REGION_CODE_LENGTHS: Readonly<Record<RegionLevel, number>> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

const CODE_PATTERN = /^\d+$/;

/** The level of a division code, or null when the code is not one of the five lengths. */
export function regionLevelOf(code: string): RegionLevel | null {
  if (!CODE_PATTERN.test(code)) return null;
  return REGION_LEVELS.find((level) => REGION_CODE_LENGTHS[level] === code.length) ?? null;
}

export function isRegionCode(code: string): boolean {
  return regionLevelOf(code) !== null;
}

/** The parent's code (the code's prefix one level up), or null for the province. */
export function parentRegionCode(code: string): string | null {
  const level = regionLevelOf(code);
  if (level === null) throw new Error(`not a region code: ${code}`);
  const index = REGION_LEVELS.indexOf(level);
  if (index === 0) return null;
  return code.slice(0, REGION_CODE_LENGTHS[REGION_LEVELS[index - 1]]);
}

/** Materialized path of a code: the codes from the root down, dot-separated (`33.3301.330127`). */
export function regionPath(code: string): string {
  const codes: string[] = [];
  for (let current: string | null = code; current !== null; current = parentRegionCode(current)) {
    codes.unshift(current);
  }
  return codes.join('.');
}

/** Whether `path` is `rootPath` itself or lies below it. */
export function isWithinRegionPath(path: string, rootPath: string): boolean {
  return path === rootPath || path.startsWith(rootPath + '.');
}

/**
 * Committee suffixes of village and community names in the division data, longest first.
 * `replacement` is what stays of the suffix: 下姜村村民委员会 → 下姜村, 黄杜村委会 → 黄杜村,
 * 清波门社区居民委员会 → 清波门社区.
 */
const COMMITTEE_SUFFIXES: ReadonlyArray<readonly [suffix: string, replacement: string]> = [
  ['村村民委员会', '村'],
  ['村民委员会', '村'],
  ['村村委员会', '村'],
  ['村委员会', '村'],
  ['社区居民委员会', '社区'],
  ['社区居委会', '社区'],
  ['居民委员会', ''],
  ['居委会', ''],
  ['村委会', '村'],
];

/** The display name of a region: its official name without the committee suffix. */
export function regionDisplayName(officialName: string): string {
  const name = officialName.trim();
  for (const [suffix, replacement] of COMMITTEE_SUFFIXES) {
    if (name.endsWith(suffix) && name.length > suffix.length) {
      return name.slice(0, name.length - suffix.length) + replacement;
    }
  }
  return name;
}
