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
  invalid_image: {
    fr: 'Ce fichier n’est pas une image valide (JPEG ou PNG).',
    en: 'This file is not a valid image (JPEG or PNG).',
  },
  image_too_large: {
    fr: 'Image trop grande ({max} mégapixels au maximum) : réduisez-la avant de l’envoyer.',
    en: 'Image too large ({max} megapixels at most): make it smaller before sending it.',
  },
  file_too_large: { fr: 'Fichier trop volumineux (10 Mo au maximum).', en: 'File too large (10 MB at most).' },
  rate_limited: {
    fr: 'Trop de tentatives. Réessayez dans quelques minutes.',
    en: 'Too many attempts. Try again in a few minutes.',
  },
  identity_invalid: { fr: 'Numéro invalide : {reason}', en: 'Invalid number: {reason}' },
  identity_override_required: {
    fr: 'La date de naissance ne correspond pas au numéro. Une justification écrite est requise pour passer outre.',
    en: 'The date of birth does not match the number. A written reason is required to override.',
  },
  identity_missing: {
    fr: 'L’identité de l’apprenant n’est pas encore confirmée.',
    en: 'The learner’s identity is not confirmed yet.',
  },
  photo_missing: {
    fr: 'La photo de l’apprenant n’est pas encore enregistrée.',
    en: 'The learner’s photo is not saved yet.',
  },
  not_enrolled: {
    fr: 'L’apprenant n’est pas inscrit à la formation de cet examen.',
    en: 'The learner is not enrolled in this exam’s training.',
  },
  already_authorized: {
    fr: 'Cet examen est déjà autorisé ou en cours pour cet apprenant.',
    en: 'This exam is already authorized or in progress for this learner.',
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
  stale_sequence: {
    fr: 'Une réponse plus récente est déjà enregistrée.',
    en: 'A more recent answer is already saved.',
  },
  workstation_required: {
    fr: 'Cet examen doit être lancé depuis le poste de travail assigné.',
    en: 'This exam must be launched from the assigned workstation.',
  },
  service_point_required: { fr: 'Choisissez d’abord votre point de service.', en: 'Choose your service point first.' },
  import_invalid: { fr: 'Importation refusée : {reason}', en: 'Import refused: {reason}' },
  internal: {
    fr: 'Une erreur inattendue est survenue. Réessayez ; si elle persiste, donnez ce numéro au soutien.',
    en: 'An unexpected error occurred. Try again; if it persists, give this number to support.',
  },
};

export function messageFor(code: ErrorCode, lang: Lang, params: Record<string, string | number> = {}): string {
  const template = messages[code][lang];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
