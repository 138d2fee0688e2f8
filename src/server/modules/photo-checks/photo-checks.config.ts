/**
 * Every threshold of the photo checks, in one place, each with the norm it comes from.
 *
 * Sources (see docs/photo-checks.md):
 * - ICAO Doc 9303 Part 3 and ISO/IEC 19794-5 / 39794-5 (portrait quality: pose, expression, lighting,
 *   background, head size and position in the frame);
 * - BSI OFIQ (Open Source Face Image Quality, the reference implementation of ISO/IEC 29794-5): the
 *   measures themselves — histogram intersection of the cheeks, Laplacian sharpness, luminance, eye
 *   openness, mouth closed, pose, head size;
 * - the Quebec photo specifications (RAMQ/SAAQ): 35 × 45 mm, plain white background, printed at 300 dpi;
 * - ../shared/IDENTITY.md §4: the gates chosen to start with, calibrated here on tests/fixtures/photos.
 *
 * Naming: M = midpoint of the eye centres, IED = distance between them, C = chin, T = |M − C|.
 * A check ends `pass`, `to_check` (an operator looks) or `fail` (fix and retake, or override with a reason).
 */
export const photoChecksConfig = {
  detection: {
    /** A detection counts as a face from this box score on (IDENTITY.md §4 « score ≥ 0.5 »). */
    minBoxScore: 0.5,
    /** …and the face mesh must agree: fewer false faces on textures (STACK-NOTES: « score ≥ 0.6 or the mesh »). */
    minMeshScore: 0.6,
    /** A second face smaller than this share of the first face's area is ignored (a poster, a passer-by far away). */
    ignoreSecondFaceBelowAreaShare: 0.05,
    /** The pixel measures run on the picture scaled down to this longest side (resolution is reported in source pixels). */
    workingMaxSide: 1280,
    /** Detection runs on a smaller square copy (the detector works at 256 px, the mesh at 192 px around the face). */
    detectionSize: 512,
    /**
     * Pictures above this many pixels are refused before decoding (a 10 MB JPEG can declare gigapixels); the same
     * limit as the photos module's upload (MAX_MEGAPIXELS).
     */
    maxInputPixels: 40_000_000,
  },
  /**
   * Colour: not greyscale, and skin in a plausible colour range (OFIQ « natural colour », CIELAB of the cheeks:
   * a* 5–25, b* 5–35). a* starts at 3: natural captures of the set measure 3.2–4.8 under warm indoor light.
   */
  colour: {
    /** Mean CIELAB chroma of the face below this: the picture is black and white. */
    greyscaleMaxChroma: 3,
    cheekA: { min: 3, max: 25 },
    cheekB: { min: 5, max: 35 },
  },
  /** Resolution: inter-eye distance in source pixels (ICAO: at least 90 px, 120 px recommended). */
  resolution: { passMinIed: 120, failBelowIed: 90 },
  /**
   * Sharpness: variance of the Laplacian of the inner face, grey, resampled to IED = 120 px (OFIQ sharpness uses
   * Laplacian features). IDENTITY.md §4: « midpoint between sharp and blurred captures ». On the calibration set
   * the sharp captures measure 9.2–39 and the blurred ones (Gaussian σ = IED/30) 2.3–3.3: midpoint ≈ 6.2, with a
   * band to check around it. The set's faces are enlarged group-photo faces, softer than a good webcam at
   * IED 150: recalibrate on the workstations' own captures (see docs/photo-checks.md).
   */
  sharpness: { normalisedIed: 120, passMin: 7.5, failBelow: 5 },
  /**
   * Plain white background (ICAO: plain, light-coloured, uniform; Quebec: white). Measured above the head and in
   * the two upper corners, CIELAB.
   */
  background: {
    /** Mean of each RGB channel. */
    minChannelMean: 200,
    /** Mean CIELAB chroma √(a*² + b*²). */
    maxChroma: 8,
    /** Standard deviation of L* (uniformity). */
    maxLStd: 6,
    /**
     * Texture (added to §4's gates, as OFIQ's background uniformity looks at gradients): share of neighbouring
     * samples 2 px apart whose L* differ by more than `edgeStep`. A plain wall stays near 0 even in a gradient of
     * light; blinds, shelves, posters do not.
     */
    edgeStep: 4,
    maxEdgeShare: 0.015,
    /** Within this factor of every gate: `to_check` rather than `fail` (a slightly grey wall, a soft shadow). */
    toCheckFactor: { channelMean: 0.9, chroma: 1.6, lStd: 1.6, edgeShare: 1.6 },
    /** Share of the picture measured needed to say `pass`; below it, only a clear failure is reported. */
    minSampleShare: 0.02,
    /** Below this share nothing can be said: `to_check`. */
    minSampleShareForFail: 0.003,
  },
  /**
   * Even light on the face: histogram intersection of the luminance of two cheek squares of side 0.3·IED,
   * reported as 100·raw^0.3 (OFIQ « illumination uniformity »).
   */
  lighting: { squareSideIed: 0.3, histogramBins: 32, passMinScore: 60, failBelowScore: 50 },
  /** No glare or over-exposure on the face: share of face pixels at luminance ≥ 247 (ICAO: no hot spots). */
  glare: { saturatedLuminance: 247, faceMaxShare: 0.01, eyeRegionMaxShare: 0.005, failAboveFaceShare: 0.03 },
  /** Exposure: mean luminance of the face / 255 (OFIQ « luminance mean »). */
  exposure: { min: 0.2, max: 0.8, toCheckMargin: 0.05 },
  /**
   * Pose in degrees. ICAO/ISO 19794-5 ask ±5° yaw and pitch and ±8° roll; the landmark model's angles are noisy
   * at ±3°, so we start wider (IDENTITY.md §4) and send the grey zone to the operator.
   */
  pose: { maxYaw: 8, maxPitch: 10, maxRoll: 8, failYaw: 15, failPitch: 20, failRoll: 12 },
  /** Eyes open: eye aspect ratio of each eye (OFIQ « eyes open »; Soukupová & Čech EAR). */
  eyes: { minAspectRatio: 0.2, failBelowAspectRatio: 0.13 },
  /**
   * Mouth closed (OFIQ « mouth closed »; ICAO: neutral expression, mouth closed, teeth not visible): inner-lip gap /
   * mouth width, and — because the landmarks keep the lips together on many smiles — the share of the lips' outline
   * showing teeth or the inside of the mouth (closed mouths of the set: ≤ 0.02; smiles with teeth: 0.08–0.13;
   * open mouths 0.17–0.20).
   */
  mouth: { maxGapRatio: 0.1, failAboveGapRatio: 0.2, maxInteriorShare: 0.04, failAboveInteriorShare: 0.075 },
  /**
   * Whole head in the source picture, with room for the crop: space from M to the top ≥ 1.4·T, to the bottom
   * ≥ 1.8·T, from each eye to the side ≥ 0.9·IED (IDENTITY.md §4, from ISO/IEC 39794-5 head-position margins).
   */
  headInFrame: { aboveT: 1.4, belowT: 1.8, sidesIed: 0.9 },
  /** On the crop (ICAO Doc 9303 / ISO 19794-5 « token » geometry adapted to 35:45). */
  framing: {
    eyeX: { min: 0.45, max: 0.55 },
    eyeY: { min: 0.3, max: 0.5 },
    faceWidth: { min: 0.5, max: 0.75 },
    headHeight: { min: 0.6, max: 0.9 },
  },
  /**
   * The crop proposed by construction: 35:45, head (≈ 2T) ≈ 75 % of the height, eyes at 45 % from the top,
   * centred on M. It may move or tighten a little to stay inside the picture, never past these bounds; beyond
   * them, ask to step back rather than pad (padding fakes the background).
   */
  crop: {
    aspect: 35 / 45,
    headShare: 0.75,
    eyeFromTop: 0.45,
    /** Tighter crops tried, in order, when the ideal one leaves the picture. */
    headShareSteps: [0.75, 0.78, 0.81, 0.84],
    /** How far M may move from the ideal place when the crop is pushed back inside the picture. */
    eyeXTolerance: 0.03,
    eyeYTolerance: 0.05,
  },
  /**
   * Tinted lenses (no reliable model: a hint for the operator's checklist). IDENTITY.md §4: eye-region / cheek
   * luminance < 0.45. We take the 75th percentile of the eye regions (sclera and skin lift it, a lens does not):
   * tinted lenses of the set 0.17–0.47, bare eyes 0.61–1.27.
   */
  darkGlasses: { maxEyeToCheekLuminance: 0.55 },
} as const;

export type PhotoChecksConfig = typeof photoChecksConfig;
