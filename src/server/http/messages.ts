import type { ErrorCode } from '../../shared/errors.js';

export type Lang = 'fr' | 'en';

/** The user-facing sentence for each error code, French first. `{name}` placeholders come from params. */
const messages: Record<ErrorCode, { fr: string; en: string }> = {
  validation: { fr: 'Champ invalide : {field}.', en: 'Invalid field: {field}.' },
  bad_credentials: {
    fr: 'Nom d’utilisateur, courriel ou mot de passe incorrect.',
    en: 'Incorrect user name, e-mail or password.',
  },
  not_signed_in: { fr: 'Veuillez vous connecter.', en: 'Please sign in.' },
  session_expired: {
    fr: 'Votre session a expiré. Veuillez vous reconnecter.',
    en: 'Your session has expired. Please sign in again.',
  },
  forbidden: { fr: 'Vous n’avez pas accès à cette page.', en: 'You do not have access to this page.' },
  csrf: {
    fr: 'Jeton de sécurité invalide. Rechargez la page et réessayez.',
    en: 'Invalid security token. Reload the page and try again.',
  },
  not_found: { fr: 'Introuvable.', en: 'Not found.' },
  conflict: {
    fr: 'Cette action entre en conflit avec l’état actuel.',
    en: 'This action conflicts with the current state.',
  },
  username_taken: { fr: 'Ce nom d’utilisateur est déjà pris.', en: 'This user name is already taken.' },
  email_taken: {
    fr: 'Ce courriel est déjà utilisé par un autre compte.',
    en: 'This e-mail is already used by another account.',
  },
  step_out_of_order: {
    fr: 'Complétez d’abord l’étape précédente : {step}.',
    en: 'Complete the previous step first: {step}.',
  },
  weak_password: { fr: 'Mot de passe trop faible : {reason}', en: 'Password too weak: {reason}' },
  reset_link_invalid: {
    fr: 'Ce lien de réinitialisation est invalide, expiré ou déjà utilisé.',
    en: 'This reset link is invalid, expired or already used.',
  },
  current_password_required: {
    fr: 'Indiquez votre mot de passe actuel pour changer de courriel ou de mot de passe.',
    en: 'Enter your current password to change your e-mail or password.',
  },
  current_password_wrong: {
    fr: 'Le mot de passe actuel est incorrect.',
    en: 'The current password is incorrect.',
  },
  invalid_image: {
    fr: 'Ce fichier n’est pas une image valide (JPEG ou PNG).',
    en: 'This file is not a valid image (JPEG or PNG).',
  },
  image_truncated: {
    fr: 'L’image est incomplète ou endommagée (fichier tronqué) : transférez-la de nouveau ou reprenez la photo.',
    en: 'The image is incomplete or damaged (truncated file): upload it again or take the photo again.',
  },
  image_too_many_pixels: {
    fr: 'Image trop grande : plus de {max} mégapixels. Réduisez-la, ou prenez la photo avec la caméra.',
    en: 'Image too large: more than {max} megapixels. Reduce it, or take the photo with the camera.',
  },
  image_too_small: {
    fr: 'Image trop petite ({width} × {height} px) : il faut au moins {minWidth} × {minHeight} px. Prenez une photo plus nette ou plus proche.',
    en: 'Image too small ({width} × {height} px): at least {minWidth} × {minHeight} px are needed. Take a sharper or closer photo.',
  },
  file_too_large: { fr: 'Fichier trop volumineux ({max} Mo au maximum).', en: 'File too large ({max} MB at most).' },
  rate_limited: {
    fr: 'Trop de tentatives. Réessayez dans quelques minutes.',
    en: 'Too many attempts. Try again in a few minutes.',
  },
  identity_invalid: { fr: 'Identité non confirmée : {reason}', en: 'Identity not confirmed: {reason}' },
  identity_override_required: {
    fr: 'La date de naissance ne correspond pas au numéro. Une justification écrite (10 caractères au moins) est requise pour passer outre.',
    en: 'The date of birth does not match the number. A written reason (at least 10 characters) is required to override.',
  },
  identity_warnings: {
    fr: 'Vérifiez ces points, puis corrigez ou confirmez : {reason}',
    en: 'Check these points, then correct or confirm: {reason}',
  },
  identity_missing: {
    fr: 'L’identité de l’apprenant n’est pas encore confirmée.',
    en: 'The learner’s identity is not confirmed yet.',
  },
  photo_missing: {
    fr: 'La photo de l’apprenant n’est pas encore enregistrée.',
    en: 'The learner’s photo is not saved yet.',
  },
  photo_already_saved: {
    fr: 'La photo est déjà enregistrée : appuyez sur « Retirer » pour en transférer une autre.',
    en: 'The photo is already saved: press “Remove” to upload another one.',
  },
  photo_not_cropped: {
    fr: 'Recadrez d’abord la photo (tête et haut des épaules), puis enregistrez.',
    en: 'Crop the photo first (head and top of the shoulders), then save.',
  },
  photo_crop_invalid: { fr: 'Cadrage refusé : {reason}', en: 'Crop refused: {reason}' },
  photo_checklist_incomplete: {
    fr: 'Cochez chaque critère avant d’enregistrer ; il manque : {missing}.',
    en: 'Tick every criterion before saving; missing: {missing}.',
  },
  photo_override_required: {
    fr: 'La vérification automatique signale des critères non respectés ({failed}) : reprenez la photo, ou choisissez ou écrivez la raison de l’enregistrer quand même.',
    en: 'The automatic check reports criteria not met ({failed}): take the photo again, or choose or write the reason to save it anyway.',
  },
  not_enrolled: {
    fr: 'L’apprenant n’est pas inscrit à la formation de cet examen.',
    en: 'The learner is not enrolled in this exam’s training.',
  },
  already_authorized: {
    fr: 'Cet examen est déjà autorisé ou en cours pour cet apprenant.',
    en: 'This exam is already authorized or in progress for this learner.',
  },
  workstation_occupied: {
    fr: 'Le {workstation} est occupé par {name} : choisissez un poste libre.',
    en: '{workstation} is taken by {name}: choose a free workstation.',
  },
  attempt_not_cancellable: {
    fr: 'L’examen est déjà commencé ou terminé : l’accès ne peut plus être annulé.',
    en: 'The exam has already started or ended: access can no longer be cancelled.',
  },
  attempt_not_open: {
    fr: 'Aucun examen autorisé pour aujourd’hui à ce poste.',
    en: 'No exam authorized for today at this workstation.',
  },
  attempt_ended: {
    fr: 'Cet examen est terminé : plus aucune réponse n’est acceptée.',
    en: 'This exam has ended: no more answers are accepted.',
  },
  deadline_passed: {
    fr: 'Le temps est écoulé : la réponse n’a pas été enregistrée.',
    en: 'Time is up: the answer was not saved.',
  },
  added_time_limit: {
    fr: 'Le temps ajouté à un examen ne peut dépasser sa durée ({max} minutes) : il reste {left} min à ajouter (champ : minutes).',
    en: 'The time added to an exam cannot exceed its duration ({max} minutes): {left} min left to add (field: minutes).',
  },
  stale_sequence: {
    fr: 'Une réponse plus récente est déjà enregistrée pour cette question : celle-ci n’a pas été prise en compte.',
    en: 'A more recent answer is already saved for this question: this one was not taken into account.',
  },
  sequence_conflict: {
    fr: 'Une autre réponse est déjà enregistrée sous ce numéro de séquence : celle-ci doit être envoyée à nouveau.',
    en: 'Another answer is already saved under this sequence number: this one must be sent again.',
  },
  attempt_not_started: {
    fr: 'L’examen n’est pas encore commencé : appuyez d’abord sur « Commencer ».',
    en: 'The exam has not started yet: press “Start” first.',
  },
  attempt_already_ended: {
    fr: 'Cet examen est déjà terminé : rien n’a été changé.',
    en: 'This exam has already ended: nothing was changed.',
  },
  attempt_not_in_progress: {
    fr: 'Cet examen n’est pas commencé : rien n’a été changé. Tant que l’apprenant n’a pas appuyé sur « Commencer », utilisez « Annuler l’accès à l’examen ».',
    en: 'This exam has not started: nothing was changed. Until the learner presses “Start”, use “Cancel access to the exam”.',
  },
  attempt_paused: {
    fr: 'Examen en pause : aucune réponse n’est enregistrée avant la reprise.',
    en: 'Exam paused: no answer is saved until it resumes.',
  },
  submit_paused: {
    fr: 'Examen en pause : vous pourrez terminer l’examen à la reprise.',
    en: 'Exam paused: you can finish the exam once it resumes.',
  },
  retake_limit: {
    fr: 'Reprise refusée : le nombre maximal de tentatives de la formation est atteint ({attempts} sur {max}).',
    en: 'Retake refused: the training’s maximum number of attempts is reached ({attempts} of {max}).',
  },
  retake_wait: {
    fr: 'Reprise refusée : la formation exige {days} jours d’attente entre deux tentatives ; nouvelle autorisation possible à partir du {until}.',
    en: 'Retake refused: the training requires {days} days between two attempts; it can be authorized again from {until}.',
  },
  answer_item_unknown: {
    fr: 'Cette question ne fait pas partie de votre examen.',
    en: 'This question is not part of your exam.',
  },
  answer_choice_unknown: {
    fr: 'Ce choix de réponse n’existe pas pour cette question.',
    en: 'This answer choice does not exist for this question.',
  },
  answer_single_choice: {
    fr: 'Une seule réponse est permise pour cette question.',
    en: 'Only one answer is allowed for this question.',
  },
  answer_too_many_choices: {
    fr: 'Cette question n’accepte pas autant de réponses.',
    en: 'This question does not accept that many answers.',
  },
  answer_order_incomplete: {
    fr: 'Pour remettre dans l’ordre, la réponse donne chaque étape une fois.',
    en: 'To put in order, the answer gives every step once.',
  },
  answer_pair_invalid: {
    fr: 'Cette association ne correspond à aucun élément de la question.',
    en: 'This pairing does not match the question’s elements.',
  },
  answer_pair_repeated: {
    fr: 'Un élément est associé plus de fois que la question ne le permet.',
    en: 'An element is paired more often than the question allows.',
  },
  answer_text_invalid: {
    fr: 'La réponse saisie est une seule ligne de texte, non vide, de 200 caractères visibles au plus.',
    en: 'The typed answer is one non-empty line of text, 200 visible characters at most.',
  },
  workstation_required: {
    fr: 'Cet examen doit être lancé depuis le poste de travail assigné.',
    en: 'This exam must be launched from the assigned workstation.',
  },
  workstation_unregistered: {
    fr: 'Ce navigateur n’est pas un poste d’examen enregistré. L’examen se passe au poste que l’opérateur vous a assigné.',
    en: 'This browser is not a registered exam workstation. The exam is taken at the workstation the operator assigned you.',
  },
  wrong_workstation: {
    fr: 'Ce n’est pas le poste assigné : votre examen se passe au {workstation} ({servicePoint}).',
    en: 'This is not the assigned workstation: your exam is taken at {workstation} ({servicePoint}).',
  },
  service_point_required: { fr: 'Choisissez d’abord votre point de service.', en: 'Choose your service point first.' },
  import_invalid: { fr: 'Importation refusée : {reason}', en: 'Import refused: {reason}' },
  unknown_exam: { fr: 'Aucun examen n’a le code « {code} ».', en: 'No exam has the code "{code}".' },
  exam_version_not_draft: {
    fr: 'Seule une version en brouillon peut être publiée : la version {version} ne l’est pas. Importez le fichier de nouveau pour faire une nouvelle version.',
    en: 'Only a draft version can be published: version {version} is not one. Import the file again to make a new version.',
  },
  exam_version_retired: {
    fr: 'La version {version} est déjà retirée.',
    en: 'Version {version} is already retired.',
  },
  unknown_training: { fr: 'Aucune formation n’a le code « {code} ».', en: 'No training has the code "{code}".' },
  unknown_learner: {
    fr: 'Aucun compte n’a le nom d’utilisateur ou le courriel « {login} ».',
    en: 'No account has the user name or e-mail "{login}".',
  },
  unknown_service_point: {
    fr: 'Aucun point de service ne s’appelle « {name} ».',
    en: 'No service point is named "{name}".',
  },
  already_enrolled: {
    fr: '« {login} » est déjà inscrit à la formation « {code} ».',
    en: '"{login}" is already enrolled in the training "{code}".',
  },
  training_code_taken: {
    fr: 'Une formation a déjà le code « {code} ».',
    en: 'A training already has the code "{code}".',
  },
  training_not_offered: {
    fr: 'La formation « {code} » n’est pas offerte au point de service « {name} » (voir « Formations »).',
    en: 'The training "{code}" is not offered at the service point "{name}" (see “Trainings”).',
  },
  offering_in_use: {
    fr: 'Des apprenants sont inscrits à « {code} » au point de service « {name} » : désinscrivez-les avant de retirer ce point de service.',
    en: 'Learners are enrolled in "{code}" at the service point "{name}": unenrol them before removing this service point.',
  },
  enrolment_has_history: {
    fr: 'Cette inscription a déjà un examen : elle est gardée pour l’historique.',
    en: 'This enrolment already has an exam: it is kept for the record.',
  },
  card_number_invalid: {
    fr: 'Ce numéro de carte n’est pas valide : vérifiez chaque caractère (format VG-2026-ABCD-EFGH).',
    en: 'This card number is not valid: check each character (format VG-2026-ABCD-EFGH).',
  },
  card_unknown: { fr: 'Aucune carte ne porte ce numéro.', en: 'No card bears this number.' },
  card_awaiting_photo: {
    fr: 'La carte attend la photo : elle sera émise dès que la photo sera enregistrée en point de service.',
    en: 'The card is waiting for the photo: it will be issued as soon as the photo is saved at a service point.',
  },
  card_revoked: { fr: 'Cette carte est révoquée.', en: 'This card is revoked.' },
  card_not_printable: {
    fr: 'La carte {cardNumber} ne peut pas être imprimée (révoquée, ou sans photo).',
    en: 'Card {cardNumber} cannot be printed (revoked, or without a photo).',
  },
  service_point_closed: {
    fr: 'Ce point de service est fermé : aucune nouvelle autorisation n’y est possible.',
    en: 'This service point is closed: no new authorization can be given there.',
  },
  service_point_name_taken: {
    fr: 'Un point de service porte déjà ce nom (champ : nom).',
    en: 'A service point already has this name (field: name).',
  },
  workstation_name_taken: {
    fr: 'Un poste de travail de ce point de service porte déjà ce nom (champ : nom).',
    en: 'A workstation of this service point already has this name (field: name).',
  },
  account_deactivated: {
    fr: 'Ce compte est désactivé. Adressez-vous à l’organisation de formation.',
    en: 'This account is deactivated. Contact the training organisation.',
  },
  database_unavailable: {
    fr: 'Le service est momentanément indisponible (base de données injoignable). Réessayez dans quelques secondes : rien n’est perdu.',
    en: 'The service is briefly unavailable (database unreachable). Try again in a few seconds: nothing is lost.',
  },
  database_busy: {
    fr: 'Le service est momentanément occupé. Réessayez dans quelques secondes : rien n’est perdu.',
    en: 'The service is briefly busy. Try again in a few seconds: nothing is lost.',
  },
  storage_full: {
    fr: 'Le serveur ne peut plus enregistrer (disque plein). Prévenez le soutien ; ce qui a été confirmé est conservé.',
    en: 'The server cannot save anything (disk full). Tell support; what was confirmed is kept.',
  },
  internal: {
    fr: 'Une erreur inattendue est survenue. Réessayez ; si elle persiste, donnez ce numéro au soutien.',
    en: 'An unexpected error occurred. Try again; if it persists, give this number to support.',
  },
};

export function messageFor(code: ErrorCode, lang: Lang, params: Record<string, string | number> = {}): string {
  const template = messages[code][lang];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
