import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeAdmin, makeAuthorizedScene } from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { CARD_HEIGHT_MM, CARD_WIDTH_MM, PHOTO_BOX, QR_BOX } from './card-pdf.js';
import { A4, SHEET, cardSlot } from './print-sheet.js';
import { drawnPortrait } from './portrait.js';
import { publicKeyFromText } from './signing-key.js';
import { extractStatement, verifyStatement } from './statement.js';
import { endAttempt, issueAsAttemptsWould, savePhoto } from '../../../../tests/support/cards.js';

/**
 * The card as a printer sees it: the PDF rendered by poppler (Debian's pdftoppm), then measured — page size,
 * the photo where it belongs, the QR code read back by a decoder and its statement verified with the key the
 * server publishes.
 */
const DPI = 300;
const px = (mm: number) => (mm / 25.4) * DPI;
const kind = dbKinds()[0]!;

interface Raster {
  width: number;
  height: number;
  rgba: Buffer;
}

async function raster(png: string): Promise<Raster> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgba: data };
}

/** Mean absolute difference (0–255) between a region of a raster and an image resized to that region. */
async function regionDifference(
  r: Raster,
  box: { left: number; top: number; width: number; height: number },
  image: Buffer,
) {
  const region = await sharp(r.rgba, { raw: { width: r.width, height: r.height, channels: 4 } })
    .extract(box)
    .removeAlpha()
    .raw()
    .toBuffer();
  const expected = await sharp(image).resize(box.width, box.height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  let sum = 0;
  for (let i = 0; i < region.length; i++) sum += Math.abs(region[i]! - expected[i]!);
  return sum / region.length;
}

function readQr(r: Raster, box?: { left: number; top: number; width: number; height: number }) {
  if (!box) return jsQR(new Uint8ClampedArray(r.rgba), r.width, r.height)?.data ?? null;
  const out = Buffer.alloc(box.width * box.height * 4);
  for (let y = 0; y < box.height; y++)
    r.rgba.copy(
      out,
      y * box.width * 4,
      ((box.top + y) * r.width + box.left) * 4,
      ((box.top + y) * r.width + box.left + box.width) * 4,
    );
  return jsQR(new Uint8ClampedArray(out), box.width, box.height)?.data ?? null;
}

/** The darkest mean luminance (0–255) within 2 px of a point: hairlines land between pixels. */
function luminance(r: Raster, x: number, y: number) {
  let darkest = 255;
  for (let dy = -2; dy <= 2; dy++)
    for (let dx = -2; dx <= 2; dx++) {
      const i = ((Math.round(y) + dy) * r.width + Math.round(x) + dx) * 4;
      darkest = Math.min(darkest, (r.rgba[i]! + r.rgba[i + 1]! + r.rgba[i + 2]!) / 3);
    }
  return darkest;
}

describe('the card PDF, rendered', () => {
  let t: TestApp;
  let dir: string;
  const photo: { mine: Buffer; other: Buffer } = { mine: Buffer.alloc(0), other: Buffer.alloc(0) };
  beforeAll(async () => {
    t = await createTestApp(kind);
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-card-pdf-'));
    photo.mine = await drawnPortrait('a');
    photo.other = await drawnPortrait('b');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function passedCard(name?: { firstName: string; lastName: string }) {
    const s = await makeAuthorizedScene(t.ctx, { validityMonths: 36 });
    if (name)
      await t.ctx.db
        .updateTable('users')
        .set({ first_name: name.firstName, last_name: name.lastName })
        .where('id', '=', s.learner.id)
        .execute();
    await savePhoto(t.ctx, {
      userId: s.learner.id,
      servicePointId: s.sp.id,
      operatorId: s.operator.id,
      jpeg: photo.mine,
    });
    await endAttempt(t.ctx, s.attemptId, 'passed');
    return { ...s, card: (await issueAsAttemptsWould(t.ctx, s.attemptId))! };
  }

  function render(pdf: Buffer, name: string, dpi = DPI) {
    const file = path.join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, path.join(dir, name)]);
    return { file, page: (n: number) => path.join(dir, `${name}-${n}.png`) };
  }

  it('is CR80 front and back, with the photo at print quality and a QR code that verifies', async () => {
    const s = await passedCard({ firstName: 'Geneviève', lastName: 'D’Amour-Lavigne' });
    const c = await Client.start(t.app);
    await c.signIn(s.learner.username);
    const res = await c.get(`/api/learning/cards/${s.card.cardNumber}.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="carte-${s.card.cardNumber}.pdf"`);
    const { file, page } = render(res.rawPayload, 'card');

    // Two pages, each exactly 85.60 × 53.98 mm.
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '2', file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    const sizes = [...info.matchAll(/Page\s+\d size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(sizes).toHaveLength(2);
    for (const [w, h] of sizes) {
      expect((w! * 25.4) / 72).toBeCloseTo(CARD_WIDTH_MM, 2);
      expect((h! * 25.4) / 72).toBeCloseTo(CARD_HEIGHT_MM, 2);
    }
    const front = await raster(page(1));
    expect(front.width).toBeGreaterThanOrEqual(Math.floor(px(CARD_WIDTH_MM)));
    expect(front.width).toBeLessThanOrEqual(Math.ceil(px(CARD_WIDTH_MM)));
    expect(front.height).toBeGreaterThanOrEqual(Math.floor(px(CARD_HEIGHT_MM)));
    expect(front.height).toBeLessThanOrEqual(Math.ceil(px(CARD_HEIGHT_MM)));

    // The photo, embedded as saved (413 × 531), prints at 300 dpi or more.
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
    const [, , , width, height, , , , , , , , xppi, yppi] = images[0]!.trim().split(/\s+/);
    expect([Number(width), Number(height)]).toEqual([413, 531]);
    expect(Number(xppi)).toBeGreaterThanOrEqual(300);
    expect(Number(yppi)).toBeGreaterThanOrEqual(300);

    // The photo is where it belongs: close to the learner's photo, far from another one.
    const inset = 4;
    const box = {
      left: Math.ceil(px(PHOTO_BOX.x)) + inset,
      top: Math.ceil(px(PHOTO_BOX.y)) + inset,
      width: Math.floor(px(PHOTO_BOX.width)) - 2 * inset,
      height: Math.floor(px(PHOTO_BOX.height)) - 2 * inset,
    };
    const same = await regionDifference(front, box, photo.mine);
    const different = await regionDifference(front, box, photo.other);
    expect(same).toBeLessThan(8);
    expect(different).toBeGreaterThan(3 * same + 10);

    // The QR code decodes to the verification address carrying a statement the published key verifies.
    const qrBox = {
      left: Math.floor(px(QR_BOX.x - 2)),
      top: Math.floor(px(QR_BOX.y - 2)),
      width: Math.ceil(px(QR_BOX.size + 4)),
      height: Math.ceil(px(QR_BOX.size + 4)),
    };
    const text = readQr(front, qrBox);
    expect(text).toMatch(new RegExp(`^http://localhost(:\\d+)?/verifier/${s.card.cardNumber}#VG1\\.`));
    const jwk = (await (await Client.start(t.app)).get('/.well-known/vigie-card-key')).body;
    const verdict = verifyStatement(extractStatement(text!), publicKeyFromText(jwk));
    expect(verdict).toEqual({
      ok: true,
      statement: {
        cardNumber: s.card.cardNumber,
        name: 'Geneviève D’Amour-Lavigne',
        trainingCode: s.training.code,
        trainingTitle: `Formation ${s.training.code}`,
        successDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        expiresOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    });
    // The whole page decodes too (a phone sees the whole card).
    expect(readQr(front)).toBe(text);

    // The words on each side, French first; nothing sensitive.
    const frontText = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    for (const words of [
      'Carte d’attestation de formation',
      'Geneviève D’Amour-Lavigne',
      s.card.cardNumber,
      'Réussite le',
      'Expire le',
    ])
      expect(frontText).toContain(words);
    const backText = execFileSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' });
    expect(backText).toContain('Training attestation card');
    expect(backText).toContain(`/verifier/${s.card.cardNumber}`);
    expect(frontText + backText).not.toMatch(/naissance|birth|assurance maladie|permis/i);
  });

  it('the A4 print sheet: cards in place within crop marks, backs mirrored for duplex printing', async () => {
    const admin = await makeAdmin(t.ctx);
    const cards = [await passedCard(), await passedCard(), await passedCard()];
    const a = await Client.start(t.app);
    await a.signIn(admin.username);
    const numbers = cards.map((s) => s.card.cardNumber);
    const res = await a.get(`/api/admin/cards/sheet.pdf?cards=${numbers.join(',')}`);
    expect(res.statusCode).toBe(200);
    const dpi = 300; // as an office printer prints it
    const mm = (v: number) => (v / 25.4) * dpi;
    const { file, page } = render(res.rawPayload, 'sheet', dpi);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);

    const fronts = await raster(page(1));
    expect(fronts.width).toBe(Math.ceil(mm(A4.width)));
    const slots = [cardSlot(0, 0), cardSlot(1, 0), cardSlot(0, 1)];
    for (let i = 0; i < 3; i++) {
      const slot = slots[i]!;
      // Crop marks at the top-left corner: a dark line beside the corner, white at the corner itself.
      const along = SHEET.markOffset + SHEET.markLength / 2;
      expect(luminance(fronts, mm(slot.x - along), mm(slot.y)), `card ${i} horizontal mark`).toBeLessThan(160);
      expect(luminance(fronts, mm(slot.x), mm(slot.y - along)), `card ${i} vertical mark`).toBeLessThan(160);
      expect(luminance(fronts, mm(slot.x - along), mm(slot.y - along))).toBeGreaterThan(240);
      // Each card's own QR code, read within its slot, names it.
      const qr = readQr(fronts, {
        left: Math.floor(mm(slot.x + QR_BOX.x - 2)),
        top: Math.floor(mm(slot.y + QR_BOX.y - 2)),
        width: Math.ceil(mm(QR_BOX.size + 4)),
        height: Math.ceil(mm(QR_BOX.size + 4)),
      });
      expect(qr, `card ${i}`).toContain(`/verifier/${numbers[i]}#VG1.`);
    }
    // The fourth slot is empty on the fronts.
    expect(luminance(fronts, mm(cardSlot(1, 1).x + 10), mm(cardSlot(1, 1).y + 4))).toBeGreaterThan(240);

    // On the backs, card 3 (front left) is printed right: its band is there, the left slot of row 2 is empty.
    const backs = await raster(page(2));
    const band = (slot: { x: number; y: number }) => luminance(backs, mm(slot.x + 10), mm(slot.y + 1.5));
    expect(band(cardSlot(1, 1))).toBeLessThan(120);
    expect(band(cardSlot(0, 1))).toBeGreaterThan(240);
    const backText = execFileSync('pdftotext', ['-f', '2', '-l', '2', '-layout', file, '-'], { encoding: 'utf8' });
    expect(backText).toContain('VERSO');
    for (const n of numbers) expect(backText).toContain(n);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
