import type { Lang } from '../../http/messages.js';
import type { IdentityIssueCode } from './rules.js';

/** Findings the service adds to the rules' own: they need the learner's earlier checks. */
export type HistoryIssueCode =
  'number_differs_from_previous' | 'number_used_by_other_learner' | 'reason_contains_number';
export type IssueCode = IdentityIssueCode | HistoryIssueCode;

/**
 * Each finding says what to check. `full` may use the finding's params (shown right after typing);
 * `short` names it without params (shown later: stored checks keep the codes only, since some params
 * are digits of the number).
 */
const texts: Record<IssueCode, { fr: string; en: string; shortFr: string; shortEn: string }> = {
  number_characters: {
    fr: 'Le numéro ne contient que des lettres et des chiffres (les espaces et les tirets sont permis) : retapez-le tel qu’il est imprimé.',
    en: 'The number holds only letters and digits (spaces and dashes are allowed): type it again as printed.',
    shortFr: 'Caractères invalides',
    shortEn: 'Invalid characters',
  },
  health_length: {
    fr: 'Un numéro d’assurance maladie compte 12 caractères (ex. : TREM 8557 2313) ; celui saisi en compte {length}. Vérifiez la carte.',
    en: 'A health-insurance number has 12 characters (e.g. TREM 8557 2313); the one typed has {length}. Check the card.',
    shortFr: 'Longueur du numéro',
    shortEn: 'Number length',
  },
  health_letters: {
    fr: 'Un numéro d’assurance maladie commence par 4 lettres (ex. : TREM) : vérifiez la carte.',
    en: 'A health-insurance number starts with 4 letters (e.g. TREM): check the card.',
    shortFr: 'Lettres du numéro',
    shortEn: 'Letters of the number',
  },
  health_digits: {
    fr: 'Après les 4 lettres viennent 6 chiffres (année, mois, jour de naissance), un chiffre ou une lettre, puis un chiffre : vérifiez la carte.',
    en: 'After the 4 letters come 6 digits (year, month, day of birth), a digit or a letter, then a digit: check the card.',
    shortFr: 'Chiffres du numéro',
    shortEn: 'Digits of the number',
  },
  health_month: {
    fr: 'Le mois {month} est impossible dans un numéro d’assurance maladie (01 à 12, ou 51 à 62) : vérifiez les caractères 7 et 8.',
    en: 'Month {month} is impossible in a health-insurance number (01 to 12, or 51 to 62): check characters 7 and 8.',
    shortFr: 'Mois impossible',
    shortEn: 'Impossible month',
  },
  health_date: {
    fr: 'La date de naissance contenue dans le numéro (AA-MM-JJ : {date}) n’existe pas : vérifiez les caractères 5 à 10.',
    en: 'The date of birth within the number (YY-MM-DD: {date}) does not exist: check characters 5 to 10.',
    shortFr: 'Date impossible dans le numéro',
    shortEn: 'Impossible date in the number',
  },
  licence_length: {
    fr: 'Un numéro de permis de conduire compte une lettre et 12 chiffres (ex. : T6515-251280-01) ; celui saisi compte {length} caractères. Vérifiez le permis.',
    en: 'A driver’s licence number has one letter and 12 digits (e.g. T6515-251280-01); the one typed has {length} characters. Check the licence.',
    shortFr: 'Longueur du numéro',
    shortEn: 'Number length',
  },
  licence_format: {
    fr: 'Un numéro de permis de conduire est une lettre suivie de 12 chiffres (ex. : T6515-251280-01) : vérifiez le permis.',
    en: 'A driver’s licence number is one letter followed by 12 digits (e.g. T6515-251280-01): check the licence.',
    shortFr: 'Format du numéro',
    shortEn: 'Number format',
  },
  birth_date_invalid: {
    fr: 'Date de naissance invalide : saisissez la date imprimée sur la pièce (année, mois, jour).',
    en: 'Invalid date of birth: type the date printed on the card (year, month, day).',
    shortFr: 'Date de naissance invalide',
    shortEn: 'Invalid date of birth',
  },
  birth_date_future: {
    fr: 'La date de naissance ({value}) est dans le futur : vérifiez l’année.',
    en: 'The date of birth ({value}) is in the future: check the year.',
    shortFr: 'Date de naissance future',
    shortEn: 'Date of birth in the future',
  },
  birth_date_before_1900: {
    fr: 'La date de naissance ({value}) est antérieure à 1900 : vérifiez l’année.',
    en: 'The date of birth ({value}) is before 1900: check the year.',
    shortFr: 'Date de naissance avant 1900',
    shortEn: 'Date of birth before 1900',
  },
  health_birth_date_mismatch: {
    fr: 'La date contenue dans le numéro (AA-MM-JJ : {numberDate}) ne correspond pas à la date de naissance saisie ({birthDate}). Vérifiez les deux sur la carte ; si la carte est bien ainsi, justifiez par écrit pour passer outre.',
    en: 'The date within the number (YY-MM-DD: {numberDate}) does not match the date of birth typed ({birthDate}). Check both on the card; if the card really reads so, give a written reason to override.',
    shortFr: 'Date de naissance différente de celle du numéro',
    shortEn: 'Date of birth differs from the number’s',
  },
  health_check_digit: {
    fr: 'Le chiffre de contrôle (le dernier) ne correspond pas au reste du numéro et à l’année de naissance : retapez le numéro et vérifiez l’année de naissance.',
    en: 'The check digit (the last one) does not agree with the rest of the number and the year of birth: type the number again and check the year of birth.',
    shortFr: 'Chiffre de contrôle',
    shortEn: 'Check digit',
  },
  health_twin_mark: {
    fr: 'Le 11e caractère ({char}) est inhabituel (1 à 9, ou une lettre autre que I et O) : vérifiez-le sur la carte.',
    en: 'The 11th character ({char}) is unusual (1 to 9, or a letter other than I and O): check it on the card.',
    shortFr: '11e caractère inhabituel',
    shortEn: 'Unusual 11th character',
  },
  health_name_letters: {
    fr: 'Les lettres du numéro ({found}) ne correspondent pas au nom de l’apprenant ({expected} attendu) : vérifiez le nom sur la carte (nom à la naissance, changement de nom, nom composé).',
    en: 'The letters of the number ({found}) do not match the learner’s name ({expected} expected): check the name on the card (name at birth, name change, compound name).',
    shortFr: 'Lettres du nom',
    shortEn: 'Name letters',
  },
  licence_initial: {
    fr: 'La lettre du permis ({found}) n’est pas l’initiale du nom de famille de l’apprenant ({expected}) : vérifiez le nom sur le permis.',
    en: 'The licence’s letter ({found}) is not the initial of the learner’s surname ({expected}): check the name on the licence.',
    shortFr: 'Initiale du nom',
    shortEn: 'Surname initial',
  },
  licence_birth_date: {
    fr: 'Les chiffres 6 à 11 du permis (JJMMAA) : la date ne correspond pas à la date de naissance saisie ({expected} attendu). Vérifiez les deux sur le permis.',
    en: 'Digits 6 to 11 of the licence (DDMMYY): the date does not match the date of birth typed ({expected} expected). Check both on the licence.',
    shortFr: 'La date ne correspond pas',
    shortEn: 'The date does not match',
  },
  number_differs_from_previous: {
    fr: 'Ce numéro diffère de celui de la vérification précédente de cet apprenant ({date}) : vérifiez la pièce.',
    en: 'This number differs from the one of this learner’s previous check ({date}): check the card.',
    shortFr: 'Numéro différent de la vérification précédente',
    shortEn: 'Number differs from the previous check',
  },
  number_used_by_other_learner: {
    fr: 'Ce numéro a déjà servi à confirmer l’identité d’un autre apprenant : vérifiez la pièce et le compte de l’apprenant.',
    en: 'This number has already confirmed another learner’s identity: check the card and the learner’s account.',
    shortFr: 'Numéro déjà utilisé par un autre apprenant',
    shortEn: 'Number already used by another learner',
  },
  reason_contains_number: {
    fr: 'La justification ne doit recopier ni le numéro ni une date de naissance (elle est conservée au journal d’audit) : décrivez la situation sans eux.',
    en: 'The reason must copy neither the number nor a date of birth (it is kept in the audit log): describe the situation without them.',
    shortFr: 'Numéro ou date de naissance dans la justification',
    shortEn: 'Number or date of birth in the reason',
  },
};

export function issueMessage(issue: { code: IssueCode; params: Record<string, string> }, lang: Lang): string {
  const t = texts[issue.code];
  return (lang === 'en' ? t.en : t.fr).replace(/\{(\w+)\}/g, (_, k: string) => issue.params[k] ?? '');
}

export function issueSummary(code: IssueCode, lang: Lang): string {
  const t = texts[code];
  return lang === 'en' ? t.shortEn : t.shortFr;
}

export function isIssueCode(code: string): code is IssueCode {
  return code in texts;
}
