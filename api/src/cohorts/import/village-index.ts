import type { DataSource } from 'typeorm';
import { isWithinRegionPath, villageNameKey } from '@lingyan/domain';

export interface Village {
  code: string;
  path: string;
}

export type VillageMatch =
  | { village: Village }
  | { problem: 'unknown_village' | 'ambiguous_village' | 'out_of_region' };

const TTL_MS = 10 * 60_000;

/**
 * Every village, found by its 12-digit code or by its name as people write it: with its township,
 * county and city in front (any of them may be left out from the left, down to the bare village
 * name), official or short name. A name several villages share is resolved within the importing
 * administrator's region when only one of them lies there.
 */
export class VillageIndex {
  private constructor(
    private readonly byCode: Map<string, Village>,
    private readonly byName: Map<string, Village[]>,
  ) {}

  private static cached: { index: VillageIndex; at: number } | null = null;

  static async load(dataSource: DataSource): Promise<VillageIndex> {
    if (VillageIndex.cached && Date.now() - VillageIndex.cached.at < TTL_MS) return VillageIndex.cached.index;
    const rows: Array<{ code: string; path: string; names: string[] }> = await dataSource.query(
      `SELECT v.code, v.path::text AS path,
              ARRAY[t.name, c.name, ci.name, v.name, v.official_name] AS names
         FROM region v
         JOIN region t ON t.code = v.parent_code
         JOIN region c ON c.code = t.parent_code
         JOIN region ci ON ci.code = c.parent_code
        WHERE v.level = 'village'`,
    );
    const byCode = new Map<string, Village>();
    const byName = new Map<string, Village[]>();
    const add = (key: string, village: Village) => {
      const list = byName.get(key);
      if (!list) byName.set(key, [village]);
      else if (!list.some((v) => v.code === village.code)) list.push(village);
    };
    for (const row of rows) {
      const village = { code: row.code, path: row.path };
      byCode.set(row.code, village);
      const [township, county, city, name, official] = row.names;
      for (const own of [name, official]) {
        add(villageNameKey(own), village);
        add(villageNameKey(township + own), village);
        add(villageNameKey(county + township + own), village);
        add(villageNameKey(city + county + township + own), village);
      }
    }
    const index = new VillageIndex(byCode, byName);
    VillageIndex.cached = { index, at: Date.now() };
    return index;
  }

  /** Finds a village; `scopePath` is where the importer may enrol (their region within the cohort's). */
  find(text: string, scopePath: string): VillageMatch {
    const value = text.trim();
    if (/^\d{12}$/.test(value)) {
      const village = this.byCode.get(value);
      if (!village) return { problem: 'unknown_village' };
      return isWithinRegionPath(village.path, scopePath) ? { village } : { problem: 'out_of_region' };
    }
    const candidates = this.byName.get(villageNameKey(value)) ?? [];
    if (candidates.length === 0) return { problem: 'unknown_village' };
    const inScope = candidates.filter((v) => isWithinRegionPath(v.path, scopePath));
    if (inScope.length === 1) return { village: inScope[0] };
    if (inScope.length > 1) return { problem: 'ambiguous_village' };
    return { problem: 'out_of_region' };
  }
}
