import PDFDocument from 'pdfkit';
import { create as createQr } from 'qrcode';
import type { Font } from 'fontkit';
import { chineseDate, chineseFormalDate, formatCertificateCode } from '@lingyan/domain';
import { certificateFonts, type CertificateFonts } from './certificate-fonts';
import { layoutParagraph, type Line } from './certificate-layout';

/** What a certificate states. Dates are `YYYY-MM-DD`. */
export interface CertificateContent {
  serial: string;
  code: string;
  holderName: string;
  programTitle: string;
  startsOn: string;
  endsOn: string;
  /** The day of issue in China. */
  issuedOn: string;
  issuedAt: Date;
  issuer: string;
  /** Where the QR code leads: the public verification page of this certificate. */
  verifyUrl: string;
}

// A4 landscape, in points.
const WIDTH = 841.89;
const HEIGHT = 595.28;

const RED = '#a3262a';
const GOLD = '#b8934a';
const INK = '#262626';
const MUTED = '#6b6355';
const PAPER = '#fffcf5';

/** The text block of the salutation and the body. */
const BLOCK_LEFT = 118;
const BLOCK_WIDTH = WIDTH - 2 * BLOCK_LEFT;
/** The room between the title's ornament and the footer, where the salutation and the body are centred. */
const MIDDLE_TOP = 176;
const MIDDLE_BOTTOM = 436;
/** From the salutation's baseline to the body's first. */
const SALUTATION_GAP = 50;
/** Height of the font above its baseline, in ems. */
const ASCENT = 0.88;
/** The footer: the issuer's line, level with the serial number beside the QR code. */
const ISSUER_BASELINE = 478;

/** The body text of a certificate (a paragraph each). */
export function certificateParagraphs(content: CertificateContent): string[] {
  return [
    `于${chineseDate(content.startsOn)}至${chineseDate(content.endsOn)}参加《${content.programTitle}》，` +
      '完成规定课程，考核合格，准予结业。',
    '特发此证。',
  ];
}

type Doc = InstanceType<typeof PDFDocument>;

/** pdfkit takes a parsed fontkit font as well as a file (it then embeds a subset of it per document). */
const source = (font: Font) => font as unknown as Buffer;

function write(
  doc: Doc,
  font: Font,
  size: number,
  color: string,
  text: string,
  x: number,
  baseline: number,
  characterSpacing = 0,
): void {
  doc
    .font(source(font))
    .fontSize(size)
    .fillColor(color)
    .text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing });
}

function widthOf(doc: Doc, font: Font, size: number, text: string, characterSpacing = 0): number {
  return doc.font(source(font)).fontSize(size).widthOfString(text, { characterSpacing });
}

function centered(
  doc: Doc,
  font: Font,
  size: number,
  color: string,
  text: string,
  centerX: number,
  baseline: number,
  characterSpacing = 0,
): void {
  // The last character's spacing is not part of the visible width.
  const width = widthOf(doc, font, size, text, characterSpacing) - characterSpacing;
  write(doc, font, size, color, text, centerX - width / 2, baseline, characterSpacing);
}

function frame(doc: Doc): void {
  doc.rect(0, 0, WIDTH, HEIGHT).fill(PAPER);
  doc
    .lineWidth(2.4)
    .rect(20, 20, WIDTH - 40, HEIGHT - 40)
    .stroke(RED);
  doc
    .lineWidth(0.8)
    .rect(28, 28, WIDTH - 56, HEIGHT - 56)
    .stroke(GOLD);
  // A double bracket in each corner, inside the gold line.
  for (const [cx, sx] of [
    [28, 1],
    [WIDTH - 28, -1],
  ]) {
    for (const [cy, sy] of [
      [28, 1],
      [HEIGHT - 28, -1],
    ]) {
      for (const [inset, reach] of [
        [7, 30],
        [12, 20],
      ]) {
        doc
          .lineWidth(1)
          .moveTo(cx + sx * inset, cy + sy * (inset + reach))
          .lineTo(cx + sx * inset, cy + sy * inset)
          .lineTo(cx + sx * (inset + reach), cy + sy * inset)
          .stroke(GOLD);
      }
    }
  }
}

function ornament(doc: Doc, centerX: number, y: number): void {
  doc
    .lineWidth(0.8)
    .moveTo(centerX - 96, y)
    .lineTo(centerX - 9, y)
    .stroke(GOLD);
  doc
    .lineWidth(0.8)
    .moveTo(centerX + 9, y)
    .lineTo(centerX + 96, y)
    .stroke(GOLD);
  doc
    .moveTo(centerX, y - 4)
    .lineTo(centerX + 4, y)
    .lineTo(centerX, y + 4)
    .lineTo(centerX - 4, y)
    .closePath()
    .fill(RED);
}

/** The height of the salutation and body from the top of the salutation to the last body baseline. */
function middleHeight(size: number, leading: number, lineCount: number): number {
  return 24 * ASCENT + SALUTATION_GAP + (lineCount - 1) * leading + size * 0.25;
}

/** The body in the largest size (20 pt down to 11 pt) whose lines fit between the title and the footer. */
function bodyLayout(doc: Doc, font: Font, paragraphs: string[]): { size: number; leading: number; lines: Line[][] } {
  for (let size = 20; ; size--) {
    const leading = size * 2;
    const lines = paragraphs.map((text) =>
      layoutParagraph(text, {
        width: BLOCK_WIDTH,
        indent: 2 * size,
        measure: (t) => widthOf(doc, font, size, t),
        latinGap: size / 4,
      }),
    );
    const count = lines.reduce((sum, p) => sum + p.length, 0);
    if (size <= 11 || middleHeight(size, leading, count) <= MIDDLE_BOTTOM - MIDDLE_TOP) return { size, leading, lines };
  }
}

function qrCode(doc: Doc, url: string, x: number, y: number, size: number): void {
  const { modules } = createQr(url, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  doc.rect(x, y, size, size).fill('#ffffff');
  // Dark modules as horizontal runs, overlapping a hair so no seam shows between them.
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const from = col;
      while (col < modules.size && modules.get(row, col)) col++;
      doc.rect(x + (quiet + from) * cell, y + (quiet + row) * cell, (col - from) * cell + 0.05, cell + 0.05);
    }
  }
  doc.fill('#000000');
}

/**
 * Lays the certificate out on one A4 landscape page: the title, the holder, the body, the issuer and
 * date, and in the corner the serial number and a QR code to the public verification page with the
 * code printed under it.
 */
function draw(doc: Doc, fonts: CertificateFonts, content: CertificateContent): void {
  const center = WIDTH / 2;
  frame(doc);

  centered(doc, fonts.bold, 44, RED, '结业证书', center, 118, 22);
  centered(doc, fonts.regular, 9.5, MUTED, 'CERTIFICATE OF COMPLETION', center, 142, 3.2);
  ornament(doc, center, 160);

  // "<姓名> 同志：" and the body, centred in the room between the title and the footer.
  const body = bodyLayout(doc, fonts.regular, certificateParagraphs(content));
  const lineCount = body.lines.reduce((sum, p) => sum + p.length, 0);
  const height = middleHeight(body.size, body.leading, lineCount);
  const salutation = MIDDLE_TOP + (MIDDLE_BOTTOM - MIDDLE_TOP - height) / 2 + 24 * ASCENT;

  // The name in bold, shrunk if it is very long.
  let nameSize = 24;
  while (nameSize > 12 && widthOf(doc, fonts.bold, nameSize, content.holderName) > BLOCK_WIDTH - 80) nameSize--;
  write(doc, fonts.bold, nameSize, INK, content.holderName, BLOCK_LEFT, salutation);
  const nameWidth = widthOf(doc, fonts.bold, nameSize, content.holderName);
  write(doc, fonts.regular, 19, INK, '同志：', BLOCK_LEFT + nameWidth + 8, salutation);

  let baseline = salutation + SALUTATION_GAP;
  for (const paragraph of body.lines) {
    for (const line of paragraph) {
      for (const token of line.tokens) {
        write(doc, fonts.regular, body.size, INK, token.text, BLOCK_LEFT + token.x, baseline);
      }
      baseline += body.leading;
    }
  }

  // Issuer and date, centred on one another at the lower right.
  const issuerCenter = WIDTH - BLOCK_LEFT - 118;
  centered(doc, fonts.regular, 17, INK, content.issuer, issuerCenter, ISSUER_BASELINE);
  centered(doc, fonts.regular, 17, INK, chineseFormalDate(content.issuedOn), issuerCenter, ISSUER_BASELINE + 32);

  // Lower left: QR code to the verification page, the code under it, the serial beside it.
  const qrSize = 82;
  const qrX = 76;
  const qrY = HEIGHT - 76 - qrSize - 8;
  qrCode(doc, content.verifyUrl, qrX, qrY, qrSize);
  centered(doc, fonts.regular, 6.6, INK, formatCertificateCode(content.code), qrX + qrSize / 2, qrY + qrSize + 9);
  const textX = qrX + qrSize + 12;
  write(doc, fonts.regular, 10.5, INK, `证书编号：${content.serial}`, textX, ISSUER_BASELINE);
  write(doc, fonts.regular, 8.5, MUTED, '扫描二维码或访问以下网址核验真伪：', textX, ISSUER_BASELINE + 17);
  write(doc, fonts.regular, 8, MUTED, content.verifyUrl, textX, ISSUER_BASELINE + 31);
}

/** The certificate as a PDF: one page, with only the glyphs it uses of the embedded font. */
export function renderCertificatePdf(content: CertificateContent): Promise<Buffer> {
  const fonts = certificateFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `结业证书 ${content.serial}`,
      Author: content.issuer,
      Subject: `${content.holderName}《${content.programTitle}》结业证书`,
      Keywords: `${content.serial} ${content.code}`,
      Creator: '领雁 Lingyan',
      CreationDate: content.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc, fonts, content);
  doc.end();
  return done;
}
