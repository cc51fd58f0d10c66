import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parentRegionCode, regionDisplayName, regionLevelOf, regionPath } from '@lingyan/domain';
import type { RegionLevel } from '@lingyan/contracts';

export interface RegionRow {
  code: string;
  name: string;
  officialName: string;
  level: RegionLevel;
  parentCode: string | null;
  path: string;
}

const FILE = 'zhejiang-regions.tsv.gz';

/** The data file sits beside this source file, or in `seed/` beside the bundled API. */
function dataFile(): string {
  const candidates = [join(__dirname, FILE), join(__dirname, 'seed', FILE)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`Region data file ${FILE} not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Zhejiang's regions, parents before children. */
export function readRegions(): RegionRow[] {
  const text = gunzipSync(readFileSync(dataFile())).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [code, officialName] = line.split('\t');
      const level = regionLevelOf(code);
      if (!level || !officialName) throw new Error(`bad region line: ${JSON.stringify(line)}`);
      return {
        code,
        name: regionDisplayName(officialName),
        officialName,
        level,
        parentCode: parentRegionCode(code),
        path: regionPath(code),
      };
    });
}
