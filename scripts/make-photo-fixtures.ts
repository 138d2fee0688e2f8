/**
 * Builds the photo-check calibration set in tests/fixtures/photos/ from the sample portraits shipped in
 * node_modules/@vladmandic/face-api/demo (group photos: each face is cut out as a portrait), and writes labels.json.
 *
 *   npx tsx scripts/make-photo-fixtures.ts
 *
 * Three kinds of pictures:
 * - `real-*`: head-and-shoulders crops of the samples as they are (cluttered rooms, tilted heads, smiles);
 *   labelled by a person looking at them (table REAL_LABELS below), only where the answer is plain to see;
 * - `b<n>-*`: four of those faces turned into a « studio » capture (eyes levelled, scaled to an inter-eye distance
 *   of 150 px, the person cut out along the landmarks and set on a white wall), then variants made by program —
 *   greyscale, blur, darkened half, dark, over-exposed, glare, coloured / grey / cluttered background, rotated,
 *   cropped too tight, off to one side, smaller, tinted glasses — each labelled by construction: what the variant
 *   changed is labelled with its expected verdict, what it did not change keeps the base's label;
 * - specials: two faces, no face, all white.
 * The detector is used only to place things (where to cut, where the eyes are); the labels come from how each
 * picture was made or from looking at it, never from the checker's verdicts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { proposeCrop } from '../src/server/modules/photo-checks/crop.js';
import { detectFaces } from '../src/server/modules/photo-checks/face-detector.js';
import { fromHuman, geometry, type FaceLandmarks } from '../src/server/modules/photo-checks/landmarks.js';
import type { Point, Rect } from '../src/server/modules/photo-checks/pixels.js';
import type { Criterion, VerdictStatus } from '../src/server/modules/photo-checks/verdicts.js';

const OUT = 'tests/fixtures/photos';
const SAMPLES = 'node_modules/@vladmandic/face-api/demo';
const TARGET_IED = 150;

type Labels = Partial<Record<Criterion, VerdictStatus>>;
export interface CalibrationCase {
  file: string;
  /** Checked with this crop (source pixels) when given: the framing criteria are judged on it. */
  crop?: Rect;
  note: string;
  expected: Labels;
}

const cases: CalibrationCase[] = [];

async function landmarksOf(input: Buffer | string, near?: Point): Promise<FaceLandmarks> {
  const { data, info } = await sharp(input)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const faces = (await detectFaces({ data: new Uint8Array(data), width: info.width, height: info.height }))
    .map(fromHuman)
    .filter((f): f is FaceLandmarks => f !== null);
  if (!faces.length) throw new Error('no face where one was expected');
  const target = near ?? { x: info.width / 2, y: info.height / 2 };
  faces.sort((a, b) => dist(geometry(a).M, target) - dist(geometry(b).M, target));
  return faces[0]!;
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const jpeg = (s: Sharp) => s.jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer();

async function save(name: string, data: Buffer, note: string, expected: Labels, crop?: Rect) {
  writeFileSync(path.join(OUT, name), data);
  cases.push({ file: name, ...(crop ? { crop } : {}), note, expected });
}

function clampRect(r: Rect, width: number, height: number): Rect {
  const x = Math.max(0, Math.round(r.x));
  const y = Math.max(0, Math.round(r.y));
  return {
    x,
    y,
    width: Math.min(width - x, Math.round(r.width + Math.min(0, r.x))),
    height: Math.min(height - y, Math.round(r.height + Math.min(0, r.y))),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Real crops, labelled by looking at them. Keys: sample number and the face's eye midpoint in the sample.

interface RealFace {
  sample: number;
  near: Point;
  labels: Labels;
  note: string;
}

const REAL_LABELS: RealFace[] = [
  {
    sample: 1,
    near: { x: 482, y: 461 },
    note: 'clown make-up, head turned, dark room',
    labels: { background: 'fail', pose: 'fail', eyes_open: 'pass', colour: 'pass', glare: 'pass' },
  },
  {
    sample: 1,
    near: { x: 1587, y: 310 },
    note: 'head tilted far, laughing',
    labels: { background: 'fail', pose: 'fail', eyes_open: 'pass', glare: 'pass' },
  },
  {
    sample: 1,
    near: { x: 913, y: 534 },
    note: 'head tilted, eyes down, very dark room',
    labels: { background: 'fail', pose: 'fail', glare: 'pass' },
  },
  {
    sample: 2,
    near: { x: 1529, y: 267 },
    note: 'head tilted and looking down',
    labels: { background: 'fail', pose: 'fail', glare: 'pass' },
  },
  {
    sample: 2,
    near: { x: 987, y: 343 },
    note: 'looking down, eyes nearly shut',
    labels: { background: 'fail', pose: 'fail', eyes_open: 'fail', glare: 'pass' },
  },
  {
    sample: 3,
    near: { x: 674, y: 432 },
    note: 'near frontal, slight turn, bar behind',
    labels: { background: 'fail', eyes_open: 'pass', mouth_closed: 'pass', glare: 'pass', dark_glasses: 'pass' },
  },
  {
    sample: 3,
    near: { x: 1166, y: 329 },
    note: 'smiling, head slightly tilted',
    labels: { background: 'fail', eyes_open: 'pass', glare: 'pass', dark_glasses: 'pass' },
  },
  {
    sample: 4,
    near: { x: 745, y: 169 },
    note: 'head tilted far, purple wall',
    labels: { background: 'fail', pose: 'fail', eyes_open: 'pass', mouth_closed: 'pass', glare: 'pass' },
  },
  {
    sample: 4,
    near: { x: 1054, y: 294 },
    note: 'head turned and tilted',
    labels: { background: 'fail', pose: 'fail', glare: 'pass' },
  },
  {
    sample: 4,
    near: { x: 358, y: 305 },
    note: 'head turned, hand in hair',
    labels: { background: 'fail', pose: 'fail', glare: 'pass' },
  },
  {
    sample: 5,
    near: { x: 710, y: 530 },
    note: 'profile-ish, mouth open',
    labels: { background: 'fail', pose: 'fail', mouth_closed: 'fail', glare: 'pass' },
  },
  {
    sample: 5,
    near: { x: 1188, y: 294 },
    note: 'near frontal on stairs',
    labels: { background: 'fail', eyes_open: 'pass', glare: 'pass', dark_glasses: 'pass' },
  },
  {
    sample: 5,
    near: { x: 471, y: 987 },
    note: 'near frontal, dark stairwell, mouth ajar',
    labels: { background: 'fail', eyes_open: 'pass', glare: 'pass', dark_glasses: 'pass' },
  },
  {
    sample: 6,
    near: { x: 373, y: 601 },
    note: 'near frontal, blinds behind',
    labels: {
      background: 'fail',
      eyes_open: 'pass',
      mouth_closed: 'pass',
      glare: 'pass',
      dark_glasses: 'pass',
      colour: 'pass',
    },
  },
  {
    sample: 6,
    near: { x: 1276, y: 427 },
    note: 'pouting, head tipped',
    labels: { background: 'fail', eyes_open: 'pass', glare: 'pass', dark_glasses: 'pass' },
  },
  {
    sample: 6,
    near: { x: 753, y: 456 },
    note: 'smiling with teeth, head tilted',
    labels: { background: 'fail', eyes_open: 'pass', mouth_closed: 'fail', glare: 'pass', dark_glasses: 'pass' },
  },
];

async function realCrops() {
  for (const r of REAL_LABELS) {
    const file = path.join(SAMPLES, `sample${r.sample}.jpg`);
    const meta = await sharp(file).metadata();
    const f = await landmarksOf(file, r.near);
    const { M, T } = geometry(f);
    // Head and shoulders, narrow enough to leave the neighbours out as far as the group allows.
    const win = clampRect(
      { x: M.x - 1.25 * T, y: M.y - 1.7 * T, width: 2.5 * T, height: 3.6 * T },
      meta.width!,
      meta.height!,
    );
    const name = `real-s${r.sample}-${Math.round(r.near.x)}.jpg`;
    await save(
      name,
      await jpeg(sharp(file).extract({ left: win.x, top: win.y, width: win.width, height: win.height })),
      r.note,
      {
        one_face: 'pass',
        ...r.labels,
      },
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Studio bases: the face levelled, scaled, cut out along the landmarks and set on a white wall.

interface Base {
  id: string;
  sample: number;
  near: Point;
  note: string;
  /** What a person sees on the studio picture for the criteria the construction does not settle. */
  labels: Labels;
}

const BASES: Base[] = [
  {
    id: 'b1',
    sample: 6,
    near: { x: 373, y: 601 },
    note: 'slightly turned, closed smile',
    labels: {
      pose: 'to_check',
      mouth_closed: 'pass',
      eyes_open: 'pass',
      exposure: 'pass',
      lighting: 'pass',
      colour: 'pass',
    },
  },
  {
    id: 'b2',
    sample: 5,
    near: { x: 471, y: 987 },
    note: 'frontal, talking (mouth open), dim',
    labels: { pose: 'pass', mouth_closed: 'fail', eyes_open: 'pass', colour: 'pass' },
  },
  {
    id: 'b3',
    sample: 3,
    near: { x: 674, y: 432 },
    note: 'slightly turned, lips closed',
    labels: { pose: 'to_check', mouth_closed: 'pass', eyes_open: 'pass', exposure: 'pass' },
  },
  {
    id: 'b4',
    sample: 5,
    near: { x: 1188, y: 294 },
    note: 'smiling with teeth, sunlit',
    labels: { mouth_closed: 'fail', eyes_open: 'pass', exposure: 'pass', colour: 'pass' },
  },
];

interface Studio {
  id: string;
  /** The person alone, RGBA, on a transparent canvas of the studio's size. */
  person: Buffer;
  width: number;
  height: number;
  f: FaceLandmarks;
  labels: Labels;
}

/** A soft-edged silhouette of head, hair, neck and shoulders, drawn from the landmarks. */
function personMaskSvg(f: FaceLandmarks, width: number, height: number): Buffer {
  const box = f.box;
  const F = f.chin.y - f.forehead.y;
  const cx = box.x + box.width / 2;
  const head = `<ellipse cx="${cx}" cy="${(f.forehead.y + f.chin.y) / 2 - 0.16 * F}" rx="${0.72 * box.width}" ry="${0.78 * F}"/>`;
  const neck = `<rect x="${cx - 0.28 * box.width}" y="${f.chin.y - 0.2 * F}" width="${0.56 * box.width}" height="${0.8 * F}"/>`;
  const shoulders = `<ellipse cx="${cx}" cy="${f.chin.y + 1.35 * F}" rx="${1.55 * box.width}" ry="${0.85 * F}"/>`;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="black"/><g fill="white">${head}${neck}${shoulders}</g></svg>`,
  );
}

async function studio(b: Base): Promise<Studio> {
  const file = path.join(SAMPLES, `sample${b.sample}.jpg`);
  const f0 = await landmarksOf(file, b.near);
  const g0 = geometry(f0);
  const roll = (Math.atan2(f0.eyeRight.y - f0.eyeLeft.y, f0.eyeRight.x - f0.eyeLeft.x) * 180) / Math.PI;
  const meta = await sharp(file).metadata();
  // Level the eyes: cut a generous window around the face, turn it, find the face again.
  const win = clampRect(
    { x: g0.M.x - 3 * g0.T, y: g0.M.y - 3 * g0.T, width: 6 * g0.T, height: 6 * g0.T },
    meta.width!,
    meta.height!,
  );
  const levelled = await sharp(
    await sharp(file).extract({ left: win.x, top: win.y, width: win.width, height: win.height }).toBuffer(),
  )
    .rotate(-roll, { background: '#000' })
    .toBuffer();
  const lm = await sharp(levelled).metadata();
  const f1 = await landmarksOf(levelled, { x: lm.width! / 2, y: lm.height! / 2 });
  // Scale to the target inter-eye distance, then place M on the studio canvas: 3.2·T wide, 4.1·T high.
  const k = TARGET_IED / geometry(f1).ied;
  const scaled = await sharp(levelled)
    .resize(Math.round(lm.width! * k), Math.round(lm.height! * k), { kernel: 'lanczos3' })
    .toBuffer();
  const f2 = await landmarksOf(scaled, { x: geometry(f1).M.x * k, y: geometry(f1).M.y * k });
  const g2 = geometry(f2);
  const width = Math.round(3.2 * g2.T);
  const height = Math.round(4.1 * g2.T);
  const dx = Math.round(1.6 * g2.T - g2.M.x);
  const dy = Math.round(1.8 * g2.T - g2.M.y);
  // The scaled picture moved by (dx, dy) onto the canvas (extend with black where it does not reach).
  const extended = await sharp(scaled)
    .extend({ top: Math.max(0, dy), left: Math.max(0, dx), bottom: height, right: width, background: '#000' })
    .toBuffer();
  const placed = await sharp(extended)
    .extract({ left: Math.max(0, -dx), top: Math.max(0, -dy), width, height })
    .toBuffer();
  const fPlaced = await landmarksOf(placed, { x: 1.6 * g2.T, y: 1.8 * g2.T });
  const mask = await sharp(personMaskSvg(fPlaced, width, height))
    .flatten({ background: '#000' })
    .blur(3)
    .extractChannel(0)
    .raw()
    .toBuffer();
  // (no removeAlpha here: sharp would apply it after joinChannel and drop the mask)
  const person = await sharp(await sharp(placed).removeAlpha().toBuffer())
    .joinChannel(mask, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
  return { id: b.id, person, width, height, f: fPlaced, labels: b.labels };
}

/** The person on a background (a colour or a picture). */
async function onBackground(s: Studio, background: string | Buffer): Promise<Buffer> {
  const canvas =
    typeof background === 'string'
      ? sharp({ create: { width: s.width, height: s.height, channels: 3, background } })
      : sharp(await sharp(background).resize(s.width, s.height, { fit: 'cover' }).toBuffer());
  return sharp(
    await canvas
      .composite([{ input: s.person }])
      .png()
      .toBuffer(),
  )
    .removeAlpha()
    .toBuffer();
}

async function clutterBackground(): Promise<Buffer> {
  // The blinds above the heads in sample6 (no face in that strip), stacked three times, every other one mirrored.
  const strip = await sharp(path.join(SAMPLES, 'sample6.jpg'))
    .extract({ left: 420, top: 0, width: 640, height: 170 })
    .toBuffer();
  const mirrored = await sharp(strip).flop().toBuffer();
  return sharp({ create: { width: 640, height: 510, channels: 3, background: '#000' } })
    .composite([
      { input: strip, left: 0, top: 0 },
      { input: mirrored, left: 0, top: 170 },
      { input: strip, left: 0, top: 340 },
    ])
    .jpeg()
    .toBuffer();
}

function ellipseSvg(width: number, height: number, shapes: string): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes}</svg>`);
}

async function studioVariants(s: Studio, clutter: Buffer) {
  const white = await onBackground(s, '#ffffff');
  const g = geometry(s.f);
  const base: Labels = {
    one_face: 'pass',
    resolution: 'pass',
    sharpness: 'pass',
    background: 'pass',
    glare: 'pass',
    head_in_frame: 'pass',
    dark_glasses: 'pass',
    ...s.labels,
  };
  const id = s.id;
  const keep = (...criteria: Criterion[]): Labels =>
    Object.fromEntries(Object.entries(base).filter(([c]) => criteria.includes(c as Criterion))) as Labels;
  const all = Object.keys(base) as Criterion[];
  const except = (...criteria: Criterion[]) => keep(...all.filter((c) => !criteria.includes(c)));

  await save(`${id}-studio.jpg`, await jpeg(sharp(white)), 'studio capture on a white wall', base);
  await save(`${id}-greyscale.jpg`, await jpeg(sharp(white).greyscale().toColourspace('srgb')), 'greyscale', {
    ...except('colour', 'dark_glasses'),
    colour: 'fail',
  });
  await save(`${id}-blur.jpg`, await jpeg(sharp(white).blur(TARGET_IED / 30)), 'Gaussian blur σ = IED/30', {
    ...keep('one_face', 'resolution', 'background', 'head_in_frame', 'colour', 'pose'),
    sharpness: 'fail',
  });
  await save(`${id}-blur-light.jpg`, await jpeg(sharp(white).blur(TARGET_IED / 60)), 'Gaussian blur σ = IED/60', {
    ...keep('one_face', 'resolution', 'background', 'head_in_frame', 'colour', 'pose', 'eyes_open'),
  });
  // Left half of the picture (the person's right side of the face and the wall) at 35 % light.
  const halfW = Math.round(g.M.x);
  const shade = await sharp({
    create: { width: halfW, height: s.height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.65 } },
  })
    .png()
    .toBuffer();
  await save(
    `${id}-dark-half.jpg`,
    await jpeg(sharp(white).composite([{ input: shade, left: 0, top: 0 }])),
    'left half darkened',
    {
      ...keep('one_face', 'resolution', 'head_in_frame', 'pose', 'colour'),
      lighting: 'fail',
      background: 'fail',
    },
  );
  await save(`${id}-dark.jpg`, await jpeg(sharp(white).linear(0.22, 0)), 'under-exposed (×0.22)', {
    ...keep('one_face', 'resolution', 'head_in_frame', 'pose'),
    exposure: 'fail',
    background: 'fail',
  });
  // Over-exposed: light multiplied by 2.5 and lifted, the face washed out.
  await save(`${id}-bright.jpg`, await jpeg(sharp(white).linear(2.5, 60)), 'over-exposed (×2.5 + 60)', {
    ...keep('one_face', 'resolution', 'head_in_frame', 'pose', 'background'),
    exposure: 'fail',
    glare: 'fail',
  });
  // Two hot spots of saturated white, forehead and nose.
  const r = 0.2 * g.ied;
  const spots = ellipseSvg(
    s.width,
    s.height,
    `<circle cx="${g.M.x - 0.1 * g.ied}" cy="${s.f.forehead.y + 0.25 * g.ied}" r="${r}" fill="white"/><circle cx="${s.f.noseTip.x}" cy="${s.f.noseTip.y - 0.15 * g.ied}" r="${r * 0.8}" fill="white"/>`,
  );
  await save(
    `${id}-glare.jpg`,
    await jpeg(sharp(white).composite([{ input: await sharp(spots).blur(1.5).png().toBuffer() }])),
    'hot spots on forehead and nose',
    {
      ...except('glare'),
      glare: 'fail',
    },
  );
  await save(`${id}-blue-bg.jpg`, await jpeg(sharp(await onBackground(s, '#a9c8ec'))), 'light blue background', {
    ...except('background'),
    background: 'fail',
  });
  await save(`${id}-grey-bg.jpg`, await jpeg(sharp(await onBackground(s, '#bebebe'))), 'light grey background (190)', {
    ...except('background'),
    background: 'to_check',
  });
  await save(`${id}-cluttered-bg.jpg`, await jpeg(sharp(await onBackground(s, clutter))), 'room behind the person', {
    ...except('background'),
    background: 'fail',
  });
  // Rotations about the eye midpoint, white fill (the wall continues).
  for (const [deg, status] of [
    [5, 'pass'],
    [10, 'to_check'],
    [20, 'fail'],
  ] as const) {
    if (status === 'pass' && base.pose !== 'pass') continue;
    const rotated = await sharp(white).rotate(deg, { background: '#ffffff' }).toBuffer();
    const m = await sharp(rotated).metadata();
    // Back to the studio's size around the centre, so the framing stays comparable.
    const cut = await sharp(rotated)
      .extract({
        left: Math.round((m.width! - s.width) / 2),
        top: Math.round((m.height! - s.height) / 2),
        width: s.width,
        height: s.height,
      })
      .toBuffer();
    await save(`${id}-rotated-${deg}.jpg`, await jpeg(sharp(cut)), `head tilted ${deg}°`, {
      ...keep('one_face', 'resolution', 'background', 'colour', 'glare'),
      pose: status,
    });
  }
  // Cropped too tight: the top of the head and the chin at the edges.
  const tight = clampRect(
    { x: g.M.x - 1.3 * g.T, y: g.M.y - 0.8 * g.T, width: 2.6 * g.T, height: 2.1 * g.T },
    s.width,
    s.height,
  );
  await save(
    `${id}-too-tight.jpg`,
    await jpeg(sharp(white).extract({ left: tight.x, top: tight.y, width: tight.width, height: tight.height })),
    'cropped too tight (top of head and chin cut)',
    {
      ...keep('one_face', 'resolution', 'colour', 'pose', 'eyes_open', 'mouth_closed', 'dark_glasses'),
      head_in_frame: 'fail',
    },
  );
  // Off to one side: the left eye half an inter-eye distance from the left edge.
  const sideX = Math.round(s.f.eyeLeft.x - 0.5 * g.ied);
  await save(
    `${id}-off-side.jpg`,
    await jpeg(sharp(white).extract({ left: sideX, top: 0, width: s.width - sideX, height: s.height })),
    'person at the left edge',
    {
      ...keep('one_face', 'resolution', 'colour', 'pose', 'eyes_open', 'mouth_closed', 'dark_glasses'),
      head_in_frame: 'fail',
    },
  );
  // Smaller captures: a webcam far away.
  for (const [ied, status] of [
    [105, 'to_check'],
    [60, 'fail'],
  ] as const) {
    const k = ied / TARGET_IED;
    await save(
      `${id}-ied-${ied}.jpg`,
      await jpeg(sharp(white).resize(Math.round(s.width * k), Math.round(s.height * k), { kernel: 'lanczos3' })),
      `scaled to an inter-eye distance of ${ied} px`,
      { ...keep('one_face', 'background', 'head_in_frame', 'colour', 'pose'), resolution: status },
    );
  }
  // Tinted glasses: two dark lenses over the eyes.
  const lens = (c: Point) =>
    `<ellipse cx="${c.x}" cy="${c.y}" rx="${0.4 * g.ied}" ry="${0.24 * g.ied}" fill="#17181c" fill-opacity="0.93"/>`;
  const bridge = `<rect x="${s.f.eyeLeft.x + 0.38 * g.ied}" y="${g.M.y - 0.04 * g.ied}" width="${0.24 * g.ied}" height="${0.05 * g.ied}" fill="#17181c"/>`;
  await save(
    `${id}-tinted-glasses.jpg`,
    await jpeg(
      sharp(white).composite([
        { input: ellipseSvg(s.width, s.height, lens(s.f.eyeLeft) + lens(s.f.eyeRight) + bridge) },
      ]),
    ),
    'tinted glasses',
    {
      ...keep('one_face', 'resolution', 'background', 'head_in_frame', 'colour', 'mouth_closed'),
      dark_glasses: 'to_check',
    },
  );

  // Framing on crops of the studio picture (the same file, checked with a crop).
  const proposal = proposeCrop(s.f, s.width, s.height);
  if (!proposal.crop) throw new Error(`${id}: no crop proposed on the studio picture`);
  const c = proposal.crop;
  const onStudio = (note: string, expected: Labels, crop: Rect) =>
    cases.push({ file: `${id}-studio.jpg`, crop, note, expected });
  onStudio('crop by construction', { ...keep('one_face'), centring: 'pass', head_size: 'pass' }, c);
  onStudio(
    'crop shifted right by 18 %',
    { centring: 'fail' },
    clampRect({ ...c, x: c.x + 0.18 * c.width }, s.width, s.height),
  );
  onStudio(
    'crop raised: eyes too low',
    { centring: 'fail' },
    clampRect({ ...c, y: c.y - 0.2 * c.height }, s.width, s.height),
  );
  const looseH = s.height - 2;
  const looseW = (looseH * 35) / 45;
  onStudio(
    'loose crop: head small in the frame',
    { head_size: 'fail' },
    clampRect({ x: g.M.x - looseW / 2, y: 1, width: looseW, height: looseH }, s.width, s.height),
  );
  const closeH = 2 * g.T * 1.02;
  const closeW = (closeH * 35) / 45;
  onStudio(
    'close crop: head fills the frame',
    { head_size: 'fail' },
    clampRect({ x: g.M.x - closeW / 2, y: g.M.y - 0.45 * closeH, width: closeW, height: closeH }, s.width, s.height),
  );
}

async function specials(studios: Studio[]) {
  const [a, b] = studios as [Studio, Studio];
  const h = Math.max(a.height, b.height);
  const left = await sharp(await onBackground(a, '#ffffff'))
    .resize({ height: h })
    .toBuffer();
  const right = await sharp(await onBackground(b, '#ffffff'))
    .resize({ height: h })
    .toBuffer();
  const lw = (await sharp(left).metadata()).width!;
  const rw = (await sharp(right).metadata()).width!;
  const two = await sharp({ create: { width: lw + rw, height: h, channels: 3, background: '#ffffff' } })
    .composite([
      { input: left, left: 0, top: 0 },
      { input: right, left: lw, top: 0 },
    ])
    .png()
    .toBuffer();
  await save('two-faces.jpg', await jpeg(sharp(two)), 'two people side by side', { one_face: 'fail' });
  await save('no-face.jpg', await jpeg(sharp(await clutterBackground())), 'a room, nobody', { one_face: 'fail' });
  await save(
    'all-white.jpg',
    await jpeg(sharp({ create: { width: 900, height: 1150, channels: 3, background: '#ffffff' } })),
    'all white',
    { one_face: 'fail' },
  );
}

mkdirSync(OUT, { recursive: true });
await realCrops();
const clutter = await clutterBackground();
const studios: Studio[] = [];
for (const b of BASES) {
  const s = await studio(b);
  studios.push(s);
  await studioVariants(s, clutter);
}
await specials(studios);
writeFileSync(
  path.join(OUT, 'labels.json'),
  JSON.stringify(
    {
      about:
        'Calibration set of the photo checks. Made by scripts/make-photo-fixtures.ts from the sample photos of @vladmandic/face-api. Each case: the picture, an optional crop (source pixels) and the expected verdict per criterion; criteria left out are not judged for that picture.',
      cases,
    },
    null,
    1,
  ) + '\n',
);
console.log(`${cases.length} cases, ${new Set(cases.map((c) => c.file)).size} pictures in ${OUT}`);
