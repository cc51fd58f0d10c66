import { Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { detectTextEncoding, hasUtf8Bom } from '@lingyan/domain';

export type ImportEncoding = 'utf-8' | 'gbk' | 'xlsx';

/** One data row: its number as a spreadsheet shows it (the header is row 1) and its cells as text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface OpenedSheet {
  encoding: ImportEncoding;
  header: string[];
  rows: AsyncIterable<SheetRow>;
}

const SAMPLE_BYTES = 64 * 1024;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The file is neither CSV text nor an XLSX workbook, or has no header row. */
export class UnreadableFileError extends Error {}

/**
 * Opens an uploaded sheet (a cadre list, a question bank) for streaming: XLSX by its ZIP signature, otherwise CSV text in UTF-8
 * (with or without BOM) or GBK, detected from the first 64 KB. Rows are read as they stream in, so a
 * 126,000-row file never sits in memory whole.
 */
export async function openSheet(source: Readable): Promise<OpenedSheet> {
  const { head, rest } = await peek(source, SAMPLE_BYTES);
  if (ZIP_MAGIC.every((b, i) => head[i] === b)) return openXlsx(rest);
  if (head.includes(0)) throw new UnreadableFileError('The file is not CSV text or an XLSX workbook.');
  const encoding = detectTextEncoding(head);
  const rows = csvRows(rest, encoding);
  const iterator = rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new UnreadableFileError('The file is empty.');
  return {
    encoding,
    header: first.value.cells,
    rows: { [Symbol.asyncIterator]: () => iterator },
  };
}

/** The first `bytes` of a stream, and a stream that still yields everything (the head included). */
async function peek(source: Readable, bytes: number): Promise<{ head: Buffer; rest: Readable }> {
  const iterator = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head: head.subarray(0, bytes), rest: Readable.from(all()) };
}

function decoder(encoding: 'utf-8' | 'gbk'): Transform {
  const text = new TextDecoder(encoding === 'gbk' ? 'gb18030' : 'utf-8');
  let first = true;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let bytes: Uint8Array = chunk;
      if (first && encoding === 'utf-8' && hasUtf8Bom(bytes)) bytes = bytes.subarray(3);
      first = false;
      callback(null, text.decode(bytes, { stream: true }));
    },
    flush(callback) {
      callback(null, text.decode());
    },
  });
}

async function* csvRows(source: Readable, encoding: 'utf-8' | 'gbk'): AsyncGenerator<SheetRow> {
  const parser = source
    .pipe(decoder(encoding))
    .pipe(parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, info: true }));
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const cells = record.record.map((c) => c ?? '');
    if (cells.every((c) => c === '')) continue;
    yield { row: record.info.lines, cells };
  }
}

type CellValue = ExcelJS.CellValue;

/** A cell as the text a person typed: numbers without exponent, rich text joined, formulas by result. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText(value.result);
  }
  return '';
}

async function openXlsx(source: Readable): Promise<OpenedSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  async function* rows(): AsyncGenerator<SheetRow> {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = values.map((v) => cellText(v));
        if (cells.every((c) => c === '')) continue;
        yield { row: row.number, cells };
      }
      // Only the first worksheet holds the list.
      break;
    }
  }
  const iterator = rows();
  let first: IteratorResult<SheetRow>;
  try {
    first = await iterator.next();
  } catch (error) {
    throw new UnreadableFileError(`The workbook could not be read: ${(error as Error).message}`);
  }
  if (first.done) throw new UnreadableFileError('The workbook’s first sheet is empty.');
  return { encoding: 'xlsx', header: first.value.cells, rows: { [Symbol.asyncIterator]: () => iterator } };
}
