import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import {
  CARD_HEIGHT_MM,
  CARD_WIDTH_MM,
  CardPen,
  MM,
  drawBack,
  drawFront,
  embedFonts,
  type CardFace,
} from './card-pdf.js';

/**
 * The A4 print sheet: eight cards (2 × 4) with crop marks at every corner. Each sheet is two pages, fronts then
 * backs; the backs are mirrored left to right so that, printed duplex with a long-edge flip, every back lands
 * behind its own front.
 */
export const A4 = { width: 210, height: 297 } as const;
export const SHEET = { columns: 2, rows: 4, gap: 10, markOffset: 1.5, markLength: 3 } as const;
export const CARDS_PER_SHEET = SHEET.columns * SHEET.rows;

const MARGIN_X = (A4.width - SHEET.columns * CARD_WIDTH_MM - (SHEET.columns - 1) * SHEET.gap) / 2;
const MARGIN_Y = (A4.height - SHEET.rows * CARD_HEIGHT_MM - (SHEET.rows - 1) * SHEET.gap) / 2;

/** Top-left corner (mm from the sheet's top-left) of the card in a column and row. */
export function cardSlot(column: number, row: number): { x: number; y: number } {
  return {
    x: MARGIN_X + column * (CARD_WIDTH_MM + SHEET.gap),
    y: MARGIN_Y + row * (CARD_HEIGHT_MM + SHEET.gap),
  };
}

function cropMarks(page: PDFPage, x: number, y: number) {
  const black = rgb(0, 0, 0);
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    page.drawLine({
      start: { x: x1 * MM, y: (A4.height - y1) * MM },
      end: { x: x2 * MM, y: (A4.height - y2) * MM },
      thickness: 0.3,
      color: black,
    });
  const { markOffset: o, markLength: l } = SHEET;
  for (const [cx, dx] of [
    [x, -1],
    [x + CARD_WIDTH_MM, 1],
  ] as const) {
    for (const [cy, dy] of [
      [y, -1],
      [y + CARD_HEIGHT_MM, 1],
    ] as const) {
      line(cx + dx * o, cy, cx + dx * (o + l), cy); // horizontal, outward
      line(cx, cy + dy * o, cx, cy + dy * (o + l)); // vertical, outward
    }
  }
}

export async function renderPrintSheet(faces: CardFace[], meta: { generatedOn: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Cartes à imprimer — ${meta.generatedOn}`);
  doc.setProducer('Vigie');
  doc.setCreator('Vigie');
  const fonts = await embedFonts(doc);
  const sheets = Math.max(1, Math.ceil(faces.length / CARDS_PER_SHEET));
  for (let s = 0; s < sheets; s++) {
    const batch = faces.slice(s * CARDS_PER_SHEET, (s + 1) * CARDS_PER_SHEET);
    for (const side of ['front', 'back'] as const) {
      const page = doc.addPage([A4.width * MM, A4.height * MM]);
      const header =
        side === 'front'
          ? `Vigie · cartes d’attestation · feuille ${s + 1}/${sheets} · RECTO · ${batch.length} carte(s) · ${meta.generatedOn}`
          : `Vigie · feuille ${s + 1}/${sheets} · VERSO · imprimer en recto verso, retournement sur le bord long`;
      page.drawText(header, { x: MARGIN_X * MM, y: (A4.height - 9) * MM, size: 7, font: fonts.regular });
      for (let i = 0; i < batch.length; i++) {
        const face = batch[i]!;
        const row = Math.floor(i / SHEET.columns);
        const column = i % SHEET.columns;
        const slot = cardSlot(side === 'front' ? column : SHEET.columns - 1 - column, row);
        const pen = new CardPen(page, slot.x * MM, (A4.height - slot.y - CARD_HEIGHT_MM) * MM, fonts);
        if (side === 'front') drawFront(pen, face, await doc.embedJpg(face.photoJpeg));
        else drawBack(pen, face);
        cropMarks(page, slot.x, slot.y);
      }
    }
  }
  return doc.save();
}
