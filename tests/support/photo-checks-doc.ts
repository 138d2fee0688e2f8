/** The thresholds table of docs/photo-checks.md, written from photo-checks.config.ts so the two never differ. */
import { photoChecksConfig as c } from '../../src/server/modules/photo-checks/photo-checks.config.js';

const pctOf = (x: number) => `${Math.round(x * 1000) / 10} %`;

export function thresholdsMarkdown(): string {
  const b = c.background;
  const t = b.toCheckFactor;
  const rows: [string, string, string, string, string, string][] = [
    [
      'one_face',
      'faces with box score ≥ ' +
        c.detection.minBoxScore +
        ' and mesh score ≥ ' +
        c.detection.minMeshScore +
        ' (a second face under ' +
        pctOf(c.detection.ignoreSecondFaceBelowAreaShare) +
        ' of the first is ignored)',
      '1',
      '—',
      '0 or ≥ 2',
      'ICAO 9303-3: one person; IDENTITY.md §4',
    ],
    [
      'colour',
      'mean CIELAB chroma of the face; mean a*, b* of the cheeks',
      `chroma ≥ ${c.colour.greyscaleMaxChroma}, a* ${c.colour.cheekA.min}–${c.colour.cheekA.max}, b* ${c.colour.cheekB.min}–${c.colour.cheekB.max}`,
      'a* or b* outside',
      `chroma < ${c.colour.greyscaleMaxChroma} (greyscale)`,
      'ICAO: colour, natural skin tones; OFIQ natural colour (a* 5–25, b* 5–35; a* from 3 after calibration)',
    ],
    [
      'resolution',
      'inter-eye distance in the source (px)',
      `≥ ${c.resolution.passMinIed}`,
      `${c.resolution.failBelowIed}–${c.resolution.passMinIed}`,
      `< ${c.resolution.failBelowIed}`,
      'ICAO 9303-3 / ISO 19794-5: 90 px minimum, 120 px recommended',
    ],
    [
      'sharpness',
      `Laplacian variance of the inner face at IED ${c.sharpness.normalisedIed} px`,
      `≥ ${c.sharpness.passMin}`,
      `${c.sharpness.failBelow}–${c.sharpness.passMin}`,
      `< ${c.sharpness.failBelow}`,
      'OFIQ sharpness; midpoint between sharp and blurred captures of the set',
    ],
    [
      'background',
      'above the head and in the upper corners: RGB mean, CIELAB chroma, std of L*, edge share',
      `each channel ≥ ${b.minChannelMean}, chroma ≤ ${b.maxChroma}, std L* ≤ ${b.maxLStd}, edges ≤ ${pctOf(b.maxEdgeShare)}`,
      `within ×${t.channelMean} / ×${t.chroma} / ×${t.lStd} / ×${t.edgeShare} of those, or too little background visible`,
      'beyond',
      'ICAO: plain, light, uniform; Quebec: white; OFIQ background uniformity',
    ],
    [
      'lighting',
      `histogram intersection of the luminance of two cheek squares (side ${c.lighting.squareSideIed}·IED), score 100·raw^0.3`,
      `≥ ${c.lighting.passMinScore}`,
      `${c.lighting.failBelowScore}–${c.lighting.passMinScore}`,
      `< ${c.lighting.failBelowScore}`,
      'OFIQ illumination uniformity; ICAO: even light, no shadows',
    ],
    [
      'glare',
      `share of face pixels at luminance ≥ ${c.glare.saturatedLuminance} (and of the eye regions)`,
      `face ≤ ${pctOf(c.glare.faceMaxShare)}, eyes ≤ ${pctOf(c.glare.eyeRegionMaxShare)}`,
      `face ${pctOf(c.glare.faceMaxShare)}–${pctOf(c.glare.failAboveFaceShare)}, or eyes above`,
      `face > ${pctOf(c.glare.failAboveFaceShare)}`,
      'ICAO: no hot spots, no reflections on glasses',
    ],
    [
      'exposure',
      'mean face luminance / 255',
      `${c.exposure.min + c.exposure.toCheckMargin}–${c.exposure.max - c.exposure.toCheckMargin}`,
      `within ${c.exposure.toCheckMargin} of a limit`,
      `< ${c.exposure.min} or > ${c.exposure.max}`,
      'OFIQ luminance mean',
    ],
    [
      'pose',
      'yaw and pitch from the 3-D mesh, roll from the eye line (degrees)',
      `yaw ≤ ${c.pose.maxYaw}, pitch ≤ ${c.pose.maxPitch}, roll ≤ ${c.pose.maxRoll}`,
      'between',
      `yaw > ${c.pose.failYaw}, pitch > ${c.pose.failPitch} or roll > ${c.pose.failRoll}`,
      'ISO 19794-5: ±5° yaw and pitch, ±8° roll (wider at first, IDENTITY.md §4)',
    ],
    [
      'eyes_open',
      'eye aspect ratio, smaller eye',
      `≥ ${c.eyes.minAspectRatio}`,
      `${c.eyes.failBelowAspectRatio}–${c.eyes.minAspectRatio}`,
      `< ${c.eyes.failBelowAspectRatio}`,
      'OFIQ eyes open; ICAO: eyes open and visible',
    ],
    [
      'mouth_closed',
      'inner-lip gap / mouth width; share of the lips showing teeth or the open mouth',
      `gap ≤ ${c.mouth.maxGapRatio} and interior ≤ ${pctOf(c.mouth.maxInteriorShare)}`,
      'between',
      `gap > ${c.mouth.failAboveGapRatio} or interior > ${pctOf(c.mouth.failAboveInteriorShare)}`,
      'OFIQ mouth closed; ICAO: neutral expression, mouth closed',
    ],
    [
      'head_in_frame',
      'room in the source: M to top, M to bottom (in T), eyes to sides (in IED)',
      `≥ ${c.headInFrame.aboveT}·T, ≥ ${c.headInFrame.belowT}·T, ≥ ${c.headInFrame.sidesIed}·IED`,
      '—',
      'any below',
      'IDENTITY.md §4 (ISO/IEC 39794-5 margins)',
    ],
    [
      'dark_glasses',
      'eye regions’ 75th-percentile luminance / cheek luminance',
      `≥ ${c.darkGlasses.maxEyeToCheekLuminance}`,
      `< ${c.darkGlasses.maxEyeToCheekLuminance} (hint only)`,
      '—',
      'ICAO: no tinted lenses; the operator confirms',
    ],
    [
      'centring (crop)',
      'M.x / W, M.y / H from the top',
      `${c.framing.eyeX.min}–${c.framing.eyeX.max}, ${c.framing.eyeY.min}–${c.framing.eyeY.max}`,
      '—',
      'outside',
      'ICAO 9303-3 portrait geometry adapted to 35:45',
    ],
    [
      'head_size (crop)',
      'face width / W, head height (2T) / H',
      `${c.framing.faceWidth.min}–${c.framing.faceWidth.max}, ${c.framing.headHeight.min}–${c.framing.headHeight.max}`,
      '—',
      'outside',
      'ICAO 9303-3: head 70–80 % of the height; Quebec 35 × 45 mm',
    ],
  ];
  return [
    '| criterion | measure | pass | to check | fail | norm |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
