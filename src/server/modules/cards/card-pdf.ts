import {
  PDFDocument,
  StandardFonts,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
  type PDFFont,
  type PDFImage,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import QRCode from 'qrcode';
import { fit, printable, wrap } from './pdf-text.js';

/**
 * The card at its real size (CR80, ISO/IEC 7810 ID-1: 85.60 × 53.98 mm), front and back, drawn in vectors
 * (text, QR code) around the ID photo embedded as it was saved (JPEG, no recompression). The same drawing
 * serves the learner's two-page PDF and the administrators' A4 print sheet.
 */
export const MM = 72 / 25.4;
export const CARD_WIDTH_MM = 85.6;
export const CARD_HEIGHT_MM = 53.98;

/** Where the photo sits on the front (mm from the card's top-left corner): 35:45, as taken. */
export const PHOTO_BOX = { x: 3.5, y: 11.8, width: 22.4, height: 28.8 } as const;
/** Where the QR code sits on the front (mm from the top-left corner). */
export const QR_BOX = { x: 61.8, y: 11.3, size: 20.3 } as const;

export interface CardFace {
  cardNumber: string;
  holderName: string;
  userCode: string;
  trainingCode: string;
  trainingTitle: string;
  trainingTitleEn: string | null;
  successDate: string;
  expiresOn: string | null;
  servicePointName: string;
  reprintCount: number;
  /** The ID photo, JPEG. */
  photoJpeg: Buffer;
  /** What the QR code holds: the verification address with the signed statement as its fragment. */
  qrText: string;
  /** The verification address printed on the back (no statement). */
  verifyUrl: string;
}

const BRAND = rgb(11 / 255, 58 / 255, 117 / 255);
const INK = rgb(0.11, 0.14, 0.19);
const MUTED = rgb(0.36, 0.4, 0.46);
const LINE = rgb(0.78, 0.81, 0.85);
const WHITE = rgb(1, 1, 1);

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  mono: PDFFont;
}

export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  return {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
    mono: await doc.embedFont(StandardFonts.CourierBold),
  };
}

/** Draws in millimetres from the top-left corner of one card placed anywhere on a page. */
export class CardPen {
  constructor(
    readonly page: PDFPage,
    /** The card's bottom-left corner on the page, in points. */
    readonly originX: number,
    readonly originY: number,
    readonly fonts: Fonts,
  ) {}

  private x(mm: number) {
    return this.originX + mm * MM;
  }
  private y(mmFromTop: number) {
    return this.originY + (CARD_HEIGHT_MM - mmFromTop) * MM;
  }

  rect(x: number, y: number, w: number, h: number, color: RGB) {
    this.page.drawRectangle({ x: this.x(x), y: this.y(y + h), width: w * MM, height: h * MM, color });
  }

  frame(x: number, y: number, w: number, h: number, color: RGB, thickness = 0.25) {
    this.page.drawRectangle({
      x: this.x(x),
      y: this.y(y + h),
      width: w * MM,
      height: h * MM,
      borderColor: color,
      borderWidth: thickness,
    });
  }

  /** Text whose baseline is `baseline` mm from the top; `align` says whether x is its start, end or middle. */
  text(
    s: string,
    x: number,
    baseline: number,
    size: number,
    font: PDFFont,
    color: RGB = INK,
    align: 'left' | 'right' | 'center' = 'left',
  ) {
    const t = printable(s, font);
    const w = font.widthOfTextAtSize(t, size) / MM;
    const dx = align === 'right' ? w : align === 'center' ? w / 2 : 0;
    this.page.drawText(t, { x: this.x(x - dx), y: this.y(baseline), size, font, color });
  }

  image(img: PDFImage, x: number, y: number, w: number, h: number) {
    this.page.drawImage(img, { x: this.x(x), y: this.y(y + h), width: w * MM, height: h * MM });
  }

  /** The QR code in vectors: a rectangle per horizontal run of dark modules, all filled by one operator. */
  qr(text: string, x: number, y: number, size: number) {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const n = modules.size;
    const cell = (size / n) * MM;
    const left = this.x(x);
    const top = this.y(y);
    const ops = [pushGraphicsState(), setFillingRgbColor(INK.red, INK.green, INK.blue)];
    for (let row = 0; row < n; row++) {
      let col = 0;
      while (col < n) {
        if (!modules.data[row * n + col]) {
          col++;
          continue;
        }
        const start = col;
        while (col < n && modules.data[row * n + col]) col++;
        ops.push(rectangle(left + start * cell, top - (row + 1) * cell, (col - start) * cell, cell));
      }
    }
    ops.push(fill(), popGraphicsState());
    this.page.pushOperators(...ops);
  }
}

const pt = (mm: number) => mm * MM;
/** Line height in mm per point of type size. */
const LEADING = 0.42;

/** Lines of text at the largest size whose lines fit in `room` mm of height (the first line's ascent excluded). */
function fitInHeight(
  text: string,
  font: PDFFont,
  opts: { max: number; min: number; maxWidth: number; room: number },
): { size: number; lines: string[] } {
  for (let size = opts.max; size >= opts.min; size -= 0.2) {
    const maxLines = Math.max(1, Math.floor(opts.room / (size * LEADING)) + 1);
    const fitted = fit(text, font, { max: size, min: size, maxWidth: opts.maxWidth, maxLines });
    if (!fitted.lines.some((l) => l.endsWith('…')) || size - 0.2 < opts.min) return fitted;
  }
  return fit(text, font, { max: opts.min, min: opts.min, maxWidth: opts.maxWidth, maxLines: 1 });
}

/** Label (small, grey) above a value, returns the baseline after the value. */
function field(pen: CardPen, label: string, value: string, x: number, top: number, width: number, size = 6.2) {
  pen.text(label, x, top, 4.3, pen.fonts.regular, MUTED);
  const lines = wrap(printable(value, pen.fonts.bold), pen.fonts.bold, size, pt(width));
  let y = top + 2.6;
  for (const line of lines.slice(0, 2)) {
    pen.text(line, x, y, size, pen.fonts.bold);
    y += size * 0.42;
  }
  return y;
}

export function drawFront(pen: CardPen, face: CardFace, photo: PDFImage) {
  const { regular, bold, mono } = pen.fonts;
  // Band
  pen.rect(0, 0, CARD_WIDTH_MM, 8.6, BRAND);
  pen.text('VIGIE', 3.5, 5.9, 10, bold, WHITE);
  pen.text('Carte d’attestation de formation', CARD_WIDTH_MM - 3.5, 4.2, 6.4, bold, WHITE, 'right');
  pen.text('Examen de certification supervisé', CARD_WIDTH_MM - 3.5, 7, 4.6, regular, WHITE, 'right');

  // Photo
  const p = PHOTO_BOX;
  pen.image(photo, p.x, p.y, p.width, p.height);
  pen.frame(p.x, p.y, p.width, p.height, LINE, 0.3);

  // Holder and training, between the photo and the QR code
  const x = p.x + p.width + 3;
  const width = QR_BOX.x - 2.2 - x;
  // One line down to 7.5 pt, else two lines.
  const holder = printable(face.holderName, bold);
  let name = fit(holder, bold, { max: 9.5, min: 7.5, maxWidth: pt(width), maxLines: 1 });
  if (name.lines[0]?.endsWith('…')) name = fit(holder, bold, { max: 8.5, min: 6, maxWidth: pt(width), maxLines: 2 });
  let y = 15.2;
  for (const line of name.lines) {
    pen.text(line, x, y, name.size, bold);
    y += name.size * 0.4;
  }
  pen.text(`Code d’utilisateur ${face.userCode}`, x, y + 0.3, 5, regular, MUTED);
  y += 4.8;
  pen.text(`Formation · ${face.trainingCode}`, x, y, 4.3, regular, MUTED);
  y += 2.6;
  // The title takes what room is left above the dates: smaller type or, at worst, an ellipsis.
  const datesTop = 36.2;
  const room = datesTop - 2.4 - y;
  const title = fitInHeight(printable(face.trainingTitle, bold), bold, {
    max: 6.6,
    min: 4.8,
    maxWidth: pt(width),
    room,
  });
  for (const line of title.lines) {
    pen.text(line, x, y, title.size, bold);
    y += title.size * LEADING;
  }

  field(pen, 'Réussite le', face.successDate, x, datesTop, width / 2);
  field(
    pen,
    face.expiresOn ? 'Expire le' : 'Expiration',
    face.expiresOn ?? 'Aucune',
    x + width / 2,
    datesTop,
    width / 2,
  );

  // QR code, and how to use it
  pen.qr(face.qrText, QR_BOX.x, QR_BOX.y, QR_BOX.size);
  pen.text(
    'Scannez pour vérifier',
    QR_BOX.x + QR_BOX.size / 2,
    QR_BOX.y + QR_BOX.size + 2.4,
    4.2,
    regular,
    MUTED,
    'center',
  );

  // Footer: service point, card number
  pen.rect(3.5, 44.2, CARD_WIDTH_MM - 7, 0.25, LINE);
  pen.text('Point de service', 3.5, 47.4, 4.3, regular, MUTED);
  const sp = fit(printable(face.servicePointName, regular), regular, {
    max: 5.6,
    min: 4.4,
    maxWidth: pt(44),
    maxLines: 1,
  });
  pen.text(sp.lines[0] ?? '', 3.5, 50.4, sp.size, regular);
  pen.text('N° de carte', CARD_WIDTH_MM - 3.5, 47.4, 4.3, regular, MUTED, 'right');
  pen.text(face.cardNumber, CARD_WIDTH_MM - 3.5, 51, 8.4, mono, INK, 'right');
}

export function drawBack(pen: CardPen, face: CardFace) {
  const { regular, bold, italic, mono } = pen.fonts;
  const x = 4;
  const width = CARD_WIDTH_MM - 8;
  pen.rect(0, 0, CARD_WIDTH_MM, 3.2, BRAND);

  pen.text('Carte d’attestation de formation', x, 8.2, 7, bold);
  pen.text('Training attestation card', x, 11.2, 5.6, italic, MUTED);

  let y = 15.2;
  const para = (s: string, font: PDFFont, size: number, color: RGB = INK) => {
    for (const line of wrap(printable(s, font), font, size, pt(width))) {
      pen.text(line, x, y, size, font, color);
      y += size * 0.43;
    }
  };
  para(
    'Le titulaire de cette carte a réussi l’examen de certification de la formation indiquée au recto, ' +
      'passé sous surveillance en point de service après vérification de son identité.',
    regular,
    5.3,
  );
  y += 0.8;
  para(
    'The holder of this card passed the certification exam of the training shown on the front, ' +
      'taken under supervision at a service point after an identity check.',
    italic,
    5.1,
    MUTED,
  );
  if (face.trainingTitleEn) {
    y += 0.6;
    para(`Training: ${face.trainingTitleEn}`, italic, 5.1, MUTED);
  }

  y = Math.max(y + 1.6, 32);
  pen.text('Vérifier cette carte · Verify this card', x, y, 5, regular, MUTED);
  y += 3;
  const url = fit(printable(face.verifyUrl, bold), bold, { max: 6.4, min: 4.6, maxWidth: pt(width), maxLines: 2 });
  for (const line of url.lines) {
    pen.text(line, x, y, url.size, bold, BRAND);
    y += url.size * 0.43;
  }
  y += 0.6;
  para(
    'Scannez le code QR ou saisissez le numéro de carte. Scan the QR code or type the card number.',
    regular,
    4.6,
    MUTED,
  );

  pen.rect(x, 46, width, 0.25, LINE);
  const notice = face.reprintCount > 0 ? 49 : 50.3; // level with the card number when alone
  pen.text('Personnelle et incessible · Personal, not transferable', x, notice, 4.3, regular, MUTED);
  if (face.reprintCount > 0)
    pen.text(`Réimpression n° ${face.reprintCount} · Reprint no. ${face.reprintCount}`, x, 51.3, 4.3, regular, MUTED);
  pen.text(face.cardNumber, CARD_WIDTH_MM - 4, 50.4, 6.4, mono, INK, 'right');
}

/** One card: page 1 the front, page 2 the back, each exactly CR80. */
export async function renderCardPdf(face: CardFace): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Carte ${face.cardNumber}`);
  doc.setSubject('Carte d’attestation de formation');
  doc.setProducer('Vigie');
  doc.setCreator('Vigie');
  const fonts = await embedFonts(doc);
  const photo = await doc.embedJpg(face.photoJpeg);
  const front = doc.addPage([CARD_WIDTH_MM * MM, CARD_HEIGHT_MM * MM]);
  drawFront(new CardPen(front, 0, 0, fonts), face, photo);
  const back = doc.addPage([CARD_WIDTH_MM * MM, CARD_HEIGHT_MM * MM]);
  drawBack(new CardPen(back, 0, 0, fonts), face);
  return doc.save();
}
