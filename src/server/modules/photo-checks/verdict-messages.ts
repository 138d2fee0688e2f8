/**
 * What the operator reads: for each criterion and outcome, one short sentence saying what to change, French first.
 * (Criterion labels for the interface are in web/i18n/desk; these sentences travel with the verdicts so that the
 * server's verdict, the one recorded, says exactly what the operator saw.)
 */
export interface Message {
  fr: string;
  en: string;
}

export const verdictMessages = {
  one_face: {
    pass: { fr: 'Un seul visage détecté', en: 'One face detected' },
    none: {
      fr: 'Aucun visage détecté : placez la personne face à l’appareil, le visage bien éclairé',
      en: 'No face detected: place the person facing the camera, face well lit',
    },
    several: {
      fr: 'Plusieurs visages détectés : une seule personne doit figurer sur la photo',
      en: 'Several faces detected: only one person may appear in the photo',
    },
  },
  colour: {
    pass: { fr: 'Photo en couleur', en: 'Colour photo' },
    greyscale: {
      fr: 'Photo en noir et blanc : prenez une photo en couleur',
      en: 'Black-and-white photo: take a colour photo',
    },
    cast: {
      fr: 'Teint inhabituel : vérifiez l’éclairage et la balance des blancs de l’appareil',
      en: 'Unusual skin colour: check the light and the camera’s white balance',
    },
  },
  resolution: {
    pass: { fr: 'Résolution suffisante', en: 'Resolution high enough' },
    low: {
      fr: 'Résolution tout juste suffisante : rapprochez l’appareil ou utilisez une meilleure caméra',
      en: 'Resolution barely enough: move the camera closer or use a better camera',
    },
    tooLow: {
      fr: 'Visage trop petit : rapprochez l’appareil',
      en: 'Face too small: move the camera closer',
    },
  },
  sharpness: {
    pass: { fr: 'Photo nette', en: 'Sharp photo' },
    soft: {
      fr: 'Netteté à vérifier : la photo semble un peu floue',
      en: 'Check the sharpness: the photo looks a little soft',
    },
    blurred: {
      fr: 'Photo floue : faites la mise au point et demandez à la personne de ne pas bouger',
      en: 'Blurred photo: focus and ask the person to keep still',
    },
  },
  background: {
    pass: { fr: 'Arrière-plan blanc et uni', en: 'Plain white background' },
    uneven: {
      fr: 'Arrière-plan non uniforme : placez la personne devant un mur blanc',
      en: 'Background not plain: place the person in front of a white wall',
    },
    coloured: {
      fr: 'Arrière-plan coloré : placez la personne devant un mur blanc',
      en: 'Coloured background: place the person in front of a white wall',
    },
    dark: {
      fr: 'Arrière-plan trop sombre : placez la personne devant un mur blanc bien éclairé',
      en: 'Background too dark: place the person in front of a well-lit white wall',
    },
    borderline: {
      fr: 'Arrière-plan à vérifier : il doit être blanc et uni, sans ombre',
      en: 'Check the background: it must be plain white, without shadows',
    },
    unmeasurable: {
      fr: 'Arrière-plan non mesurable : vérifiez qu’il est blanc et uni',
      en: 'Background cannot be measured: check that it is plain white',
    },
  },
  lighting: {
    pass: { fr: 'Éclairage uniforme du visage', en: 'Even light on the face' },
    slightlyUneven: {
      fr: 'Éclairage un peu inégal : vérifiez les ombres sur le visage',
      en: 'Light slightly uneven: check for shadows on the face',
    },
    uneven: {
      fr: 'Éclairage inégal : éclairez les deux côtés du visage de la même façon',
      en: 'Uneven light: light both sides of the face the same way',
    },
  },
  glare: {
    pass: { fr: 'Aucun reflet', en: 'No glare' },
    face: {
      fr: 'Reflets sur le visage : adoucissez l’éclairage, évitez le flash direct',
      en: 'Glare on the face: soften the light, avoid direct flash',
    },
    eyes: {
      fr: 'Reflet près des yeux : inclinez légèrement les lunettes ou retirez-les',
      en: 'Glare near the eyes: tilt the glasses slightly or take them off',
    },
  },
  exposure: {
    pass: { fr: 'Exposition correcte', en: 'Exposure correct' },
    dark: { fr: 'Photo trop sombre : ajoutez de la lumière', en: 'Photo too dark: add light' },
    bright: { fr: 'Photo surexposée : réduisez la lumière', en: 'Photo over-exposed: reduce the light' },
    borderlineDark: {
      fr: 'Photo un peu sombre : vérifiez que le visage est bien visible',
      en: 'Photo a little dark: check that the face is clearly visible',
    },
    borderlineBright: {
      fr: 'Photo un peu claire : vérifiez que les détails du visage sont visibles',
      en: 'Photo a little bright: check that the face’s details are visible',
    },
  },
  pose: {
    pass: { fr: 'Tête droite, face à l’appareil', en: 'Head straight, facing the camera' },
    roll: { fr: 'Tête inclinée : redressez la tête', en: 'Head tilted: straighten the head' },
    yaw: {
      fr: 'Tête tournée : regardez droit vers l’appareil',
      en: 'Head turned: look straight at the camera',
    },
    pitch: {
      fr: 'Tête penchée vers le haut ou le bas : gardez le menton à l’horizontale',
      en: 'Head tipped up or down: keep the chin level',
    },
  },
  eyes_open: {
    pass: { fr: 'Yeux ouverts', en: 'Eyes open' },
    narrow: {
      fr: 'Yeux peu ouverts : vérifiez que les deux yeux sont bien ouverts',
      en: 'Eyes barely open: check that both eyes are open',
    },
    closed: {
      fr: 'Yeux fermés : demandez à la personne de garder les yeux ouverts',
      en: 'Eyes closed: ask the person to keep their eyes open',
    },
  },
  mouth_closed: {
    pass: { fr: 'Bouche fermée', en: 'Mouth closed' },
    ajar: {
      fr: 'Bouche entrouverte : demandez une expression neutre, bouche fermée',
      en: 'Mouth slightly open: ask for a neutral expression, mouth closed',
    },
    open: {
      fr: 'Bouche ouverte : expression neutre, bouche fermée',
      en: 'Mouth open: neutral expression, mouth closed',
    },
  },
  head_in_frame: {
    pass: { fr: 'Tête entière dans l’image', en: 'Whole head in the picture' },
    top: {
      fr: 'Haut de la tête trop près du bord : reculez l’appareil ou baissez-le',
      en: 'Top of the head too close to the edge: step back or lower the camera',
    },
    bottom: {
      fr: 'Menton et épaules trop près du bord : reculez l’appareil ou levez-le',
      en: 'Chin and shoulders too close to the edge: step back or raise the camera',
    },
    sides: {
      fr: 'Tête trop près du bord : recentrez la personne ou reculez l’appareil',
      en: 'Head too close to the side: recentre the person or step back',
    },
  },
  dark_glasses: {
    pass: { fr: 'Yeux bien visibles', en: 'Eyes clearly visible' },
    suspected: {
      fr: 'Yeux peu visibles : retirez les lunettes teintées, vérifiez l’absence d’ombre sur les yeux',
      en: 'Eyes hard to see: remove tinted glasses, check for shadows over the eyes',
    },
  },
  centring: {
    pass: { fr: 'Visage centré', en: 'Face centred' },
    off: {
      fr: 'Visage décentré : recadrez pour placer les yeux au milieu, un peu au-dessus du centre',
      en: 'Face off-centre: recrop to put the eyes in the middle, a little above the centre',
    },
  },
  head_size: {
    pass: { fr: 'Taille de la tête correcte', en: 'Head size correct' },
    small: {
      fr: 'Tête trop petite dans le cadre : resserrez le recadrage',
      en: 'Head too small in the frame: crop tighter',
    },
    large: {
      fr: 'Tête trop grande dans le cadre : élargissez le recadrage',
      en: 'Head too large in the frame: crop wider',
    },
  },
  crop: {
    step_back: {
      fr: 'Reculez l’appareil : la tête est trop près des bords pour un cadrage 35 × 45 sans remplissage',
      en: 'Step back: the head is too close to the edges for a 35 × 45 crop without padding',
    },
    recentre: {
      fr: 'Recentrez la personne dans l’image : le cadrage 35 × 45 sortirait de la photo',
      en: 'Recentre the person in the picture: the 35 × 45 crop would leave the photo',
    },
  },
} as const satisfies Record<string, Record<string, Message>>;

/** Each criterion's short name, for sentences that list them (« arrière-plan blanc uni, tête droite »). */
export const criterionLabels = {
  one_face: { fr: 'un seul visage', en: 'one face' },
  colour: { fr: 'couleur', en: 'colour' },
  resolution: { fr: 'résolution', en: 'resolution' },
  sharpness: { fr: 'netteté', en: 'sharpness' },
  background: { fr: 'arrière-plan blanc uni', en: 'plain white background' },
  lighting: { fr: 'éclairage uniforme', en: 'even light' },
  glare: { fr: 'reflets', en: 'glare' },
  exposure: { fr: 'exposition', en: 'exposure' },
  pose: { fr: 'tête droite, de face', en: 'head straight, facing' },
  eyes_open: { fr: 'yeux ouverts', en: 'eyes open' },
  mouth_closed: { fr: 'bouche fermée', en: 'mouth closed' },
  head_in_frame: { fr: 'tête entière dans l’image', en: 'whole head in the picture' },
  dark_glasses: { fr: 'verres teintés', en: 'tinted glasses' },
  centring: { fr: 'visage centré', en: 'face centred' },
  head_size: { fr: 'taille de la tête', en: 'head size' },
} as const;
