import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../../context.js';
import { enrolLearner } from '../enrolments.service.js';
import { importExam } from '../exams.service.js';
import { fileAssetReader } from '../files.js';
import { createTraining } from '../trainings.service.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The demo trainings, each with its exam file in this folder. */
export const DEMO_TRAININGS = [
  {
    code: 'SIGNALEUR-ROUTIER',
    examFile: 'signaleur-routier.yaml',
    title: { fr: 'Signaleur routier', en: 'Road flagger' },
    description: {
      fr:
        'Formation destinée aux personnes qui dirigent la circulation aux abords des chantiers routiers au Québec : ' +
        'rôle et responsabilités du signaleur, équipements de protection, signalisation de travaux, panneau ' +
        '« ARRÊT / LENTEMENT » et gestes, circulation en alternance, situations d’urgence.\n\n' +
        'L’examen final se passe en personne, à votre point de service formation, sous la supervision d’un opérateur.',
      en:
        'For people who direct traffic near road work sites in Quebec: the flagger’s role and duties, protective ' +
        'equipment, work-zone signs, the STOP / SLOW paddle and hand signals, alternating traffic, emergencies.\n\n' +
        'The final exam is taken in person at your training service point, supervised by an operator.',
    },
  },
  {
    code: 'SECURITE-CHANTIERS',
    examFile: 'securite-chantiers.yaml',
    title: { fr: 'Initiation à la sécurité sur les chantiers', en: 'Introduction to construction site safety' },
    description: {
      fr:
        'Les règles de base pour circuler sur un chantier : équipements de protection, accueil, signalisation, ' +
        'signalement des dangers. Un court examen de 5 questions conclut la formation.',
      en:
        'The basic rules for moving around a construction site: protective equipment, site induction, signs, ' +
        'reporting hazards. A short 5-question exam ends the training.',
    },
  },
] as const;

/**
 * Imports the demo exams, creates their trainings and enrols every given learner in both, at the
 * service point where they will take the exam.
 */
export async function loadCatalogDemo(
  ctx: AppContext,
  servicePointId: string,
  learners: readonly { id: string; username: string }[],
) {
  for (const t of DEMO_TRAININGS) {
    const file = path.join(here, t.examFile);
    const exam = await importExam(
      ctx,
      { name: t.examFile, bytes: readFileSync(file), readAsset: fileAssetReader(here) },
      { actorId: null },
    );
    const training = await createTraining(
      ctx,
      { code: t.code, title: t.title, description: t.description, examCode: exam.code },
      { actorId: null },
    );
    for (const l of learners)
      await enrolLearner(
        ctx,
        { userId: l.id, login: l.username, trainingId: training.id, trainingCode: training.code, servicePointId },
        { actorId: null },
      );
  }
}
