import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { ExamDefinition } from '../../src/server/modules/catalog/exam-definition.js';

/** Test data shared by the catalog's tests: one exam using every feature the formats carry. */

const here = path.dirname(fileURLToPath(import.meta.url));
export const demoDir = path.resolve(here, '../../src/server/modules/catalog/demo');
export const signSvg = (name: string) => readFileSync(path.join(demoDir, 'signs', name));

/** A tiny valid PNG (1×1, white). */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4//8/AwAI/AL+hc2rNAAAAABJRU5ErkJggg==',
  'base64',
);

export function richDefinition(code = 'EX-RICHE'): ExamDefinition {
  return {
    code,
    title: { fr: 'Examen complet', en: 'Complete exam' },
    durationMinutes: 45,
    passingMark: 70,
    drawCount: 4,
    shuffleItems: true,
    shuffleChoices: true,
    content: {
      items: [
        {
          id: 'q1',
          type: 'single',
          stem: {
            fr: 'Premier paragraphe de l’énoncé, avec « guillemets » & esperluette.\n\nQuelle est la forme du panneau ?',
            en: 'First paragraph.\n\nWhat shape is the sign?',
          },
          image: {
            mime: 'image/svg+xml',
            data: signSvg('arret.svg').toString('base64'),
            alt: { fr: 'Panneau « ARRÊT »', en: 'STOP sign' },
          },
          choices: [
            { id: 'a', text: { fr: 'Octogone', en: 'Octagon' } },
            { id: 'b', text: { fr: 'Losange <carré>', en: 'Diamond' } },
            { id: 'c', text: { fr: 'Cercle' } },
          ],
          correct: ['a'],
          points: 2,
        },
        {
          id: 'q2',
          type: 'true_false',
          stem: { fr: 'Le signaleur porte un casque.' },
          choices: [
            { id: 'true', text: { fr: 'Vrai', en: 'True' } },
            { id: 'false', text: { fr: 'Faux', en: 'False' } },
          ],
          correct: ['true'],
          points: 1,
        },
        {
          id: 'q3',
          type: 'multiple',
          scoring: 'partial',
          stem: { fr: 'Équipements obligatoires ?' },
          image: { mime: 'image/png', data: PNG_1X1.toString('base64') },
          choices: [
            { id: 'a', text: { fr: 'Casque' } },
            { id: 'b', text: { fr: 'Dossard' } },
            { id: 'c', text: { fr: 'Parapluie' } },
            { id: 'd', text: { fr: 'Bottes' } },
          ],
          correct: ['a', 'b', 'd'],
          points: 3,
        },
        {
          id: 'q4',
          type: 'multiple',
          scoring: 'all_or_nothing',
          stem: { fr: 'Panneaux de travaux ?', en: 'Work-zone signs?' },
          choices: [
            { id: 'x1', text: { fr: 'Orange' } },
            { id: 'x2', text: { fr: 'Losange' } },
            { id: 'x3', text: { fr: 'Bleu' } },
          ],
          correct: ['x1', 'x2'],
          points: 1.5,
        },
        {
          id: 'q5',
          type: 'single',
          stem: { fr: 'Distance ?' },
          choices: [
            { id: 'a', text: { fr: '10 m' } },
            { id: 'b', text: { fr: '50 m' } },
          ],
          correct: ['b'],
          points: 1,
        },
      ],
    },
  };
}

/**
 * An exam file in the own format, as text: its `items` (and whatever lines follow them, sections…), under a
 * head of EX-TEST « Examen de test », 10 minutes, 70 % unless `head` says otherwise (`title` as YAML: quote it).
 */
export function yamlExam(
  items: string,
  {
    code = 'EX-TEST',
    title = 'Examen de test',
    passingMark = 70,
  }: { code?: string; title?: string; passingMark?: number } = {},
): string {
  return `format: vigie-exam/1
code: ${code}
title: ${title}
duration_minutes: 10
passing_mark: ${passingMark}
items:
${items}`;
}

export const GOOD_ITEMS = `  - id: q1
    type: single
    stem: Couleur du panneau d’arrêt ?
    choices:
      - { id: a, text: Rouge }
      - { id: b, text: Vert }
    correct: a
`;

/** Rewrites some files of a zip package (null removes the file). */
export function editZip(bytes: Uint8Array, edits: Record<string, string | null>): Uint8Array {
  const files = unzipSync(bytes);
  for (const [name, content] of Object.entries(edits)) {
    if (content === null) delete files[name];
    else files[name] = strToU8(content);
  }
  return zipSync(files);
}

export function zipText(bytes: Uint8Array, name: string): string {
  return strFromU8(unzipSync(bytes)[name]!);
}
