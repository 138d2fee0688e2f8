import type { LocalizedText } from '../../../shared/exam.js';

/** The rules shown before « Commencer », the same for every exam (an exam version may bring its own later). */
const rules: { fr: string[]; en: string[] } = {
  fr: [
    'Le compte à rebours commence dès que vous appuyez sur « Commencer » et ne s’arrête plus, même si la fenêtre se ferme : en vous reconnectant au même poste, vous reprenez l’examen avec le temps qui reste.',
    'Chaque réponse est enregistrée dès que vous la choisissez. Vous pouvez changer une réponse, revenir à n’importe quelle question et en marquer une « À revoir ».',
    'Aucun document, téléphone ni aide extérieure n’est permis. L’opérateur surveille la salle et peut terminer l’examen.',
    'Appuyez sur « Terminer » quand vous avez fini. À la fin du temps, l’examen est fermé et corrigé avec les réponses enregistrées.',
  ],
  en: [
    'The countdown starts as soon as you press “Start” and never stops, even if the window closes: signing in again at the same workstation resumes the exam with the time that is left.',
    'Each answer is saved as soon as you choose it. You may change an answer, go back to any question and flag one “To review”.',
    'No documents, phone or outside help are allowed. The operator watches the room and may end the exam.',
    'Press “Finish” when you are done. When time runs out, the exam is closed and scored on the saved answers.',
  ],
};

/** Both languages: the page shows the one it is displayed in, and switches without asking the server. */
export function examRules(): LocalizedText[] {
  return rules.fr.map((fr, i) => ({ fr, en: rules.en[i]! }));
}
