import type { Choice, Item, LocalizedText } from '../../../../shared/exam.js';
import { isCleanText } from '../../../../shared/text-input.js';
import { IDENTIFIER, imageProblem, LIMITS } from '../exam-definition.js';
import { q, type ProblemList } from '../import-problems.js';
import { rulesProblems } from '../response-rules.js';
import { checkInteraction } from './check-interactions.js';

/** Where a problem of an item is: its label (id or « #3 ») and the field. */
export type At = (field: string) => { item: string; field: string };

export function checkText(t: LocalizedText, problems: ProblemList, where: { item?: string; field: string }) {
  if (!t.fr) problems.add({ fr: 'le texte français est vide.', en: 'the French text is empty.' }, where);
  for (const lang of ['fr', 'en'] as const) {
    // The requests' text rule (no NUL, which PostgreSQL cannot store, nor other control characters), so
    // both databases take the same exams; line breaks separate paragraphs.
    if (t[lang] !== undefined && !isCleanText(t[lang], true))
      problems.add(
        {
          fr: `le texte (${lang}) contient un caractère de contrôle (NUL ou autre) : retirez-le.`,
          en: `the text (${lang}) holds a control character (NUL or another): remove it.`,
        },
        where,
      );
    if ((t[lang]?.length ?? 0) > LIMITS.maxTextLength)
      problems.add(
        {
          fr: `texte trop long (${LIMITS.maxTextLength} caractères au plus).`,
          en: `text too long (${LIMITS.maxTextLength} characters at most).`,
        },
        where,
      );
  }
}

/**
 * A list of choices (an item's choices, a match's targets, an inline slot's choices): 2 to 26, each with a
 * valid identifier not used before in the item (`seen`, shared by every list of the item, as QTI wants), and
 * its text. Returns the list's ids.
 */
export function checkChoiceList(
  list: readonly Choice[],
  field: string,
  seen: Set<string>,
  problems: ProblemList,
  at: At,
): Set<string> {
  if (list.length < 2)
    problems.add(
      { fr: 'il faut au moins deux choix de réponse.', en: 'an item needs at least two choices.' },
      at(field),
    );
  if (list.length > LIMITS.maxChoices)
    problems.add({ fr: `${LIMITS.maxChoices} choix au plus.`, en: `${LIMITS.maxChoices} choices at most.` }, at(field));
  const ids = new Set<string>();
  list.forEach((c, i) => {
    const here = `${field}[${i + 1}]`;
    if (!IDENTIFIER.test(c.id))
      problems.add(
        { fr: `identifiant de choix ${q(c.id)} invalide.`, en: `invalid choice identifier ${q(c.id)}.` },
        at(`${here}.id`),
      );
    if (seen.has(c.id))
      problems.add(
        { fr: `le choix ${q(c.id)} apparaît deux fois.`, en: `choice ${q(c.id)} appears twice.` },
        at(`${here}.id`),
      );
    seen.add(c.id);
    ids.add(c.id);
    checkText(c.text, problems, at(`${here}.text`));
    if (c.image) {
      const problem = imageProblem(c.image.mime, Buffer.from(c.image.data, 'base64'));
      if (problem) problems.add(problem, at(`${here}.image`));
      if (c.image.alt) checkText(c.image.alt, problems, at(`${here}.image.alt`));
    }
  });
  return ids;
}

/** The key of a choice item (single, true/false, multiple): choice ids, each once. */
function checkChoiceKey(item: Item, ids: Set<string>, problems: ProblemList, at: At) {
  const list = [...ids].join(', ');
  for (const c of item.correct) {
    if (!ids.has(c))
      problems.add(
        {
          fr: `la bonne réponse ${q(c)} n’est pas un de ses choix (${list}).`,
          en: `the correct answer ${q(c)} is not one of its choices (${list}).`,
        },
        at('correct'),
      );
  }
  if (new Set(item.correct).size !== item.correct.length)
    problems.add({ fr: 'une bonne réponse est répétée.', en: 'a correct answer is repeated.' }, at('correct'));
  if (item.type === 'multiple' && item.correct.length === 0)
    problems.add(
      { fr: 'il faut au moins une bonne réponse.', en: 'at least one correct answer is needed.' },
      at('correct'),
    );
  if (item.type !== 'single' && item.type !== 'true_false') return;
  if (item.correct.length !== 1)
    problems.add(
      {
        fr: `une question à choix unique a exactement une bonne réponse (ici ${item.correct.length}).`,
        en: `a single-choice item has exactly one correct answer (here ${item.correct.length}).`,
      },
      at('correct'),
    );
  if (item.type === 'true_false' && list !== 'true, false')
    problems.add(
      {
        fr: 'une question vrai/faux a les choix « true » et « false ».',
        en: 'a true/false item has the choices "true" and "false".',
      },
      at('choices'),
    );
}

export function checkItem(item: Item, problems: ProblemList, label: string) {
  const at: At = (field: string) => ({ item: label, field });
  if (!IDENTIFIER.test(item.id))
    problems.add(
      {
        fr: `identifiant ${q(item.id)} invalide : une lettre, puis lettres, chiffres, « _ », « - » ou « . ».`,
        en: `invalid identifier ${q(item.id)}: a letter, then letters, digits, "_", "-" or ".".`,
      },
      at('id'),
    );
  checkText(item.stem, problems, at('stem'));
  if (!Number.isFinite(item.points) || item.points <= 0 || item.points > LIMITS.maxPoints)
    problems.add(
      {
        fr: `points ${q(item.points)} : un nombre plus grand que 0 et d’au plus ${LIMITS.maxPoints}.`,
        en: `points ${q(item.points)}: a number greater than 0 and at most ${LIMITS.maxPoints}.`,
      },
      at('points'),
    );
  else if (Math.round(item.points * 10_000) !== item.points * 10_000)
    problems.add({ fr: 'points : 4 décimales au plus.', en: 'points: 4 decimals at most.' }, at('points'));
  if (item.rules) for (const p of rulesProblems(item.rules)) problems.add(p, at('rules'));
  if (
    item.weight !== undefined &&
    (!Number.isFinite(item.weight) ||
      item.weight <= 0 ||
      item.weight > LIMITS.maxWeight ||
      Math.round(item.weight * 10_000) !== item.weight * 10_000)
  )
    problems.add(
      {
        fr: `poids ${q(item.weight)} : un nombre plus grand que 0, d’au plus ${LIMITS.maxWeight}, 4 décimales au plus.`,
        en: `weight ${q(item.weight)}: a number greater than 0, at most ${LIMITS.maxWeight}, 4 decimals at most.`,
      },
      at('weight'),
    );
  if (item.title) checkText(item.title, problems, at('title'));
  checkBody(item, problems, at);
  if (item.image) {
    const problem = imageProblem(item.image.mime, Buffer.from(item.image.data, 'base64'));
    if (problem) problems.add(problem, at('image'));
    if (item.image.alt) checkText(item.image.alt, problems, at('image.alt'));
  }
  checkChoiceCounts(item, problems, at);
  if (item.type === 'single' || item.type === 'true_false' || item.type === 'multiple') {
    if (item.choices.length === 0) {
      problems.add({ fr: 'la question n’a aucun choix de réponse.', en: 'the item has no choices.' }, at('choices'));
      return;
    }
    checkChoiceKey(item, checkChoiceList(item.choices, 'choices', new Set(), problems, at), problems, at);
    if (item.scoring && item.type !== 'multiple')
      problems.add(
        {
          fr: '« scoring » ne s’applique qu’aux questions à réponses multiples.',
          en: '"scoring" applies to multiple-response items only.',
        },
        at('scoring'),
      );
    forbidInteractionFields(item, problems, at);
    return;
  }
  checkInteraction(item, problems, at);
}

/** The fields of the other interactions, refused on a choice item (they would be ignored). */
export function forbidInteractionFields(item: Item, problems: ProblemList, at: At, allowed: string[] = []) {
  const present: [string, boolean][] = [
    ['targets', item.targets !== undefined],
    ['cloze', item.cloze !== undefined],
    ['slots', item.slots !== undefined],
    ['entry', item.entry !== undefined],
    ['choices.area', item.choices.some((c) => c.area)],
    ['choices.match_max', item.choices.some((c) => c.matchMax !== undefined)],
  ];
  for (const [field, there] of present)
    if (there && !allowed.includes(field))
      problems.add(
        {
          fr: `${field} ne s’applique pas à une question de type ${item.type}.`,
          en: `${field} does not apply to an item of type ${item.type}.`,
        },
        at(field),
      );
}

function checkBody(item: Item, problems: ProblemList, at: At) {
  if (!item.body) return;
  // The same bounds as a stem's text: the learner's page shows it whole.
  const size = JSON.stringify(item.body).length;
  if (size > LIMITS.maxTextLength * 4)
    problems.add(
      {
        fr: `contenu structuré trop long (${LIMITS.maxTextLength * 4} caractères au plus).`,
        en: `structured content too long (${LIMITS.maxTextLength * 4} characters at most).`,
      },
      at('body'),
    );
  const texts: string[] = [];
  JSON.stringify(item.body, (_key, v: unknown) => (typeof v === 'string' && texts.push(v), v));
  if (!texts.every((t) => isCleanText(t, true)))
    problems.add(
      {
        fr: 'le contenu structuré contient un caractère de contrôle.',
        en: 'the structured content holds a control character.',
      },
      at('body'),
    );
}

/** min_choices / max_choices: for multiple and hotspot items, within the number of choices. */
function checkChoiceCounts(item: Item, problems: ProblemList, at: At) {
  for (const [field, n] of [
    ['min_choices', item.minChoices],
    ['max_choices', item.maxChoices],
  ] as const) {
    if (n === undefined) continue;
    if (item.type !== 'multiple' && item.type !== 'hotspot')
      problems.add(
        {
          fr: `${field} ne s’applique qu’aux questions à réponses multiples et aux zones à cliquer.`,
          en: `${field} applies to multiple-response and hotspot items only.`,
        },
        at(field),
      );
    else if (!Number.isInteger(n) || n < 1 || n > Math.max(1, item.choices.length))
      problems.add(
        {
          fr: `${field} ${q(n)} : un nombre entier de 1 au nombre de choix (${item.choices.length}).`,
          en: `${field} ${q(n)}: a whole number from 1 to the number of choices (${item.choices.length}).`,
        },
        at(field),
      );
  }
  if (item.minChoices !== undefined && item.maxChoices !== undefined && item.minChoices > item.maxChoices)
    problems.add(
      { fr: 'min_choices dépasse max_choices.', en: 'min_choices is above max_choices.' },
      at('min_choices'),
    );
}
