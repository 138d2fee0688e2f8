import { describe, expect, it } from 'vitest';
import { verdictsFor, type Measurements } from './verdicts.js';

const good: Measurements = {
  faceCount: 1,
  faceChroma: 20,
  cheekA: 12,
  cheekB: 18,
  iedSource: 160,
  sharpness: 40,
  background: { sampleShare: 0.2, meanR: 250, meanG: 250, meanB: 250, chroma: 1, lStd: 1, edgeShare: 0 },
  lighting: 90,
  glare: { faceShare: 0, eyeShare: 0 },
  exposure: 0.5,
  pose: { yaw: 1, pitch: 2, roll: 0.5 },
  eyesOpen: 0.3,
  mouthOpen: 0.02,
  mouthInterior: 0,
  headInFrame: { above: 2, below: 2.5, sides: 2 },
  eyeToCheekLuminance: 0.8,
  framing: null,
};

const statusOf = (m: Partial<Measurements>, criterion: string) =>
  verdictsFor({ ...good, ...m }).find((v) => v.criterion === criterion);

describe('verdicts', () => {
  it('passes a compliant photo on every criterion, with a French and an English sentence', () => {
    const all = verdictsFor(good);
    expect(all.every((v) => v.status === 'pass')).toBe(true);
    expect(all.map((v) => v.criterion)).not.toContain('centring');
    for (const v of all) {
      expect(v.message.fr.length).toBeGreaterThan(3);
      expect(v.message.en.length).toBeGreaterThan(3);
    }
  });

  it('names the axis of a bad pose', () => {
    expect(statusOf({ pose: { yaw: 2, pitch: 1, roll: 20 } }, 'pose')).toMatchObject({
      status: 'fail',
      message: { fr: 'Tête inclinée : redressez la tête' },
    });
    expect(statusOf({ pose: { yaw: 11, pitch: 1, roll: 1 } }, 'pose')).toMatchObject({
      status: 'to_check',
      message: { fr: 'Tête tournée : regardez droit vers l’appareil' },
    });
  });

  it('grades the background: white, a little grey, patterned, coloured', () => {
    const bg = (b: Partial<Measurements['background']>) =>
      statusOf({ background: { ...good.background, ...b } }, 'background');
    expect(bg({})?.status).toBe('pass');
    expect(bg({ meanR: 190, meanG: 190, meanB: 190 })?.status).toBe('to_check');
    expect(bg({ lStd: 20, edgeShare: 0.1 })).toMatchObject({
      status: 'fail',
      message: { fr: 'Arrière-plan non uniforme : placez la personne devant un mur blanc' },
    });
    expect(bg({ chroma: 25 })?.message.fr).toBe('Arrière-plan coloré : placez la personne devant un mur blanc');
    expect(bg({ sampleShare: 0.001 })?.status).toBe('to_check');
  });

  it('grades resolution against 90 and 120 px between the eyes', () => {
    expect(statusOf({ iedSource: 130 }, 'resolution')?.status).toBe('pass');
    expect(statusOf({ iedSource: 100 }, 'resolution')?.status).toBe('to_check');
    expect(statusOf({ iedSource: 60 }, 'resolution')?.message.fr).toBe('Visage trop petit : rapprochez l’appareil');
  });

  it('judges the framing of a crop instead of the room around the head', () => {
    const onCrop = verdictsFor({
      ...good,
      headInFrame: null,
      framing: { eyeX: 0.5, eyeY: 0.45, faceWidth: 0.6, headHeight: 0.75 },
    });
    expect(onCrop.map((v) => v.criterion)).toEqual(expect.arrayContaining(['centring', 'head_size']));
    expect(onCrop.map((v) => v.criterion)).not.toContain('head_in_frame');
    const small = verdictsFor({
      ...good,
      headInFrame: null,
      framing: { eyeX: 0.5, eyeY: 0.45, faceWidth: 0.4, headHeight: 0.5 },
    });
    expect(small.find((v) => v.criterion === 'head_size')?.message.fr).toBe(
      'Tête trop petite dans le cadre : resserrez le recadrage',
    );
  });

  it('sends a smile with teeth to the operator or fails it', () => {
    expect(statusOf({ mouthInterior: 0.05 }, 'mouth_closed')?.status).toBe('to_check');
    expect(statusOf({ mouthInterior: 0.1 }, 'mouth_closed')?.status).toBe('fail');
    expect(statusOf({ mouthOpen: 0.3 }, 'mouth_closed')?.status).toBe('fail');
  });

  it('only hints at tinted glasses (the operator decides)', () => {
    expect(statusOf({ eyeToCheekLuminance: 0.2 }, 'dark_glasses')?.status).toBe('to_check');
  });
});
