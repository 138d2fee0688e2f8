/**
 * An exam in Vigie's own format with one item of each interaction type (and a choice item whose choices are
 * images), for the import, scoring and learner API tests. Its keys are written here once; every expected score
 * of the tests is worked out by hand from them.
 */
const svg = (label: string) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#eee"/><text x="10" y="50">${label}</text></svg>`,
  ).toString('base64');

export const INTERACTIONS_YAML = `format: vigie-exam/1
code: INTERACTIONS
title: Signaleur routier — interactions
duration_minutes: 30
passing_mark: 50
shuffle_choices: true
items:
  - id: images
    type: single
    stem: Quel panneau annonce des travaux ?
    choices:
      - id: ak5
        text: Panneau AK5
        image: { mime: image/svg+xml, data: ${svg('AK5')}, alt: Triangle avec un ouvrier }
      - id: ak14
        text: Panneau AK14
        image: { mime: image/svg+xml, data: ${svg('AK14')} }
    correct: ak5
  - id: zone
    type: hotspot
    stem: Où doit se placer le signaleur ?
    image: { mime: image/svg+xml, data: ${svg('scène')}, alt: Une route avec un chantier }
    choices:
      - { id: avant, text: { fr: Avant le chantier, en: Before the work zone }, area: { shape: rect, coords: [0, 0, 60, 100] } }
      - { id: milieu, text: Au milieu du chantier, area: { shape: circle, coords: [100, 50, 20] } }
      - { id: apres, text: Après le chantier, area: { shape: poly, coords: [140, 0, 200, 0, 200, 100, 140, 100] } }
    correct: avant
  - id: etapes
    type: order
    stem: Remettez les étapes de la pose dans l’ordre.
    points: 2
    choices:
      - { id: e1, text: Revêtir le gilet }
      - { id: e2, text: Poser la pré-signalisation }
      - { id: e3, text: Se placer en amont }
    correct: [e1, e2, e3]
  - id: sens
    type: match
    stem: Associez chaque panneau à son sens.
    points: 2
    scoring: partial
    shuffle: false
    choices:
      - { id: k5, text: AK5, image: { mime: image/svg+xml, data: ${svg('AK5')} } }
      - { id: k3, text: AK3 }
    targets:
      - { id: travaux, text: Travaux }
      - { id: chaussee, text: Chaussée rétrécie }
      - { id: feux, text: Feux tricolores }
    correct: ["k5 travaux", "k3 chaussee"]
  - id: trous
    type: gap_match
    stem: Complétez la consigne.
    scoring: partial
    cloze: "Le signaleur se place {{g1}} du chantier et fait face {{g2}}."
    choices:
      - { id: amont, text: en amont }
      - { id: aval, text: en aval }
      - { id: circulation, text: à la circulation }
    correct: ["amont g1", "circulation g2"]
  - id: listes
    type: inline_choice
    stem: Choisissez les bons mots.
    cloze: { fr: "Le panneau K10 se tient {{s1}}, face {{s2}}.", en: "The K10 sign is held {{s1}}, facing {{s2}}." }
    slots:
      - id: s1
        choices: [{ id: bras, text: { fr: à bout de bras, en: at arm's length } }, { id: sol, text: posé au sol }]
      - id: s2
        choices: [{ id: usagers, text: aux usagers }, { id: chantier, text: au chantier }]
    correct: ["s1 bras", "s2 usagers"]
  - id: vitesse
    type: text_entry
    stem: À quelle vitesse (km/h) la circulation est-elle limitée près du chantier ?
    entry: { kind: number, accepted: [50], tolerance: 0.5, expected_length: 4 }
  - id: mot
    type: text_entry
    stem: Quel nom porte le panneau manuel rouge et vert ?
    entry: { kind: text, accepted: [piquet K10], expected_length: 12 }
`;
