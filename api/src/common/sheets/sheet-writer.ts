import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from '@lingyan/domain';

export type SheetCell = string | number | null;
export type SheetFormat = 'csv' | 'xlsx';

export interface SheetFile {
  stream: Readable;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<SheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Text cells that a spreadsheet would run as a formula are neutralised; numbers stay numbers. */
const safe = (cell: SheetCell): SheetCell => (typeof cell === 'string' ? neutraliseFormula(cell) : cell);

/**
 * Streams rows into a CSV (UTF-8 with a BOM, so Excel shows the Chinese) or an XLSX workbook with
 * Chinese headers. Rows are pulled as the client reads, so a 126,000-row export never sits in memory.
 */
export function writeSheet(
  format: SheetFormat,
  name: string,
  headers: readonly string[],
  rows: AsyncIterable<SheetCell[]>,
): SheetFile {
  const fileName = `${name}.${format}`;
  if (format === 'csv') {
    const csv = stringify({ bom: true, header: true, columns: headers.map((h) => neutraliseFormula(h)) });
    Readable.from(mapRows(rows)).pipe(csv);
    return { stream: csv, contentType: CONTENT_TYPES.csv, fileName };
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.columns = headers.map((h) => ({ header: h, width: Math.max(10, [...h].length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const row of rows) sheet.addRow(row.map(safe)).commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return { stream: out, contentType: CONTENT_TYPES.xlsx, fileName };
}

async function* mapRows(rows: AsyncIterable<SheetCell[]>): AsyncGenerator<SheetCell[]> {
  for await (const row of rows) yield row.map((cell) => (cell === null ? '' : safe(cell)));
}

/** `attachment` with the UTF-8 file name (RFC 6266) and an ASCII fallback. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
