import type { Choice, HotspotArea, Item } from '../../../../shared/exam.js';
import { isCleanText } from '../../../../shared/text-input.js';
import { IDENTIFIER, LIMITS } from '../exam-definition.js';
import { q, type ProblemList } from '../import-problems.js';
import { checkChoiceList, checkText, forbidInteractionFields, type At } from './check-item.js';
import { clozeSlots, splitPair } from './cloze.js';
import { MAX_TYPED_LENGTH } from './text-entry.js';

/**
 * The rules of the interactions beyond choice lists (exam.ts ItemType): hotspot, order, match, gap match,
 * inline choice and text entry. Each names the field at fault; checkItem has checked what is common.
 */
export function checkInteraction(item: Item, problems: ProblemList, at: At) {
  const seen = new Set<string>();
  const scoringAllowed = item.type === 'match' || item.type === 'gap_match' || item.type === 'inline_choice';
  if (item.scoring && !scoringAllowed)
    problems.add(
      {
        fr: `« scoring » ne s’applique pas à une question de type ${item.type}.`,
        en: `"scoring" does not apply to an item of type ${item.type}.`,
      },
      at('scoring'),
    );
  const noImages = (list: readonly Choice[], field: string) => {
    if (list.some((c) => c.image))
      problems.add(
        {
          fr: `une image de choix ne s’applique pas à une question de type ${item.type}.`,
          en: `a choice image does not apply to an item of type ${item.type}.`,
        },
        at(`${field}.image`),
      );
  };
  switch (item.type) {
    case 'hotspot': {
      forbidInteractionFields(item, problems, at, ['choices.area']);
      noImages(item.choices, 'choices');
      if (!item.image)
        problems.add(
          { fr: 'une question à zones a besoin de son image.', en: 'a hotspot item needs its image.' },
          at('image'),
        );
      const ids = checkChoiceList(item.choices, 'choices', seen, problems, at);
      item.choices.forEach((c, i) => checkArea(c.area, problems, at(`choices[${i + 1}].area`)));
      checkIdsKey(item, ids, problems, at);
      if (item.correct.length > (item.maxChoices ?? 1))
        problems.add(
          {
            fr: `${item.correct.length} bonnes zones, mais max_choices vaut ${item.maxChoices ?? 1} : augmentez max_choices.`,
            en: `${item.correct.length} correct areas, but max_choices is ${item.maxChoices ?? 1}: raise max_choices.`,
          },
          at('correct'),
        );
      return;
    }
    case 'order': {
      forbidInteractionFields(item, problems, at);
      const ids = checkChoiceList(item.choices, 'choices', seen, problems, at);
      if (item.choices.some((c) => c.fixed))
        problems.add(
          {
            fr: '« fixed » ne s’applique pas aux étapes d’une mise en ordre.',
            en: '"fixed" does not apply to the steps of an order item.',
          },
          at('choices'),
        );
      const sameSet = item.correct.length === ids.size && item.correct.every((c) => ids.has(c));
      if (!sameSet || new Set(item.correct).size !== item.correct.length)
        problems.add(
          {
            fr: `la bonne réponse d’une mise en ordre donne chaque étape une fois, dans l’ordre (${[...ids].join(', ')}).`,
            en: `the correct answer of an order item lists every step once, in order (${[...ids].join(', ')}).`,
          },
          at('correct'),
        );
      return;
    }
    case 'match': {
      forbidInteractionFields(item, problems, at, ['targets', 'choices.match_max']);
      const left = checkChoiceList(item.choices, 'choices', seen, problems, at);
      if (!item.targets?.length) {
        problems.add(
          { fr: 'une question d’association a besoin de « targets ».', en: 'a match item needs "targets".' },
          at('targets'),
        );
        return;
      }
      const right = checkChoiceList(item.targets, 'targets', seen, problems, at);
      checkMatchMax([...item.choices, ...item.targets], problems, at);
      checkPairKey(item, left, right, problems, at, { left: 'choices', right: 'targets' });
      return;
    }
    case 'gap_match':
    case 'inline_choice':
      checkCloze(item, seen, problems, at, noImages);
      return;
    case 'text_entry':
      forbidInteractionFields(item, problems, at, ['entry']);
      if (item.choices.length)
        problems.add(
          { fr: 'une saisie de texte n’a pas de choix.', en: 'a text entry item has no choices.' },
          at('choices'),
        );
      if (item.correct.length)
        problems.add(
          {
            fr: 'une saisie de texte donne ses réponses acceptées dans « entry.accepted », pas dans « correct ».',
            en: 'a text entry item gives its accepted answers in "entry.accepted", not in "correct".',
          },
          at('correct'),
        );
      checkEntry(item, problems, at);
      return;
    case 'single':
    case 'multiple':
    case 'true_false':
      return; // checkItem's own
  }
}

function checkIdsKey(item: Item, ids: Set<string>, problems: ProblemList, at: At) {
  if (item.correct.length === 0)
    problems.add(
      { fr: 'il faut au moins une bonne réponse.', en: 'at least one correct answer is needed.' },
      at('correct'),
    );
  for (const c of item.correct)
    if (!ids.has(c))
      problems.add(
        {
          fr: `la bonne réponse ${q(c)} n’est pas un de ses choix (${[...ids].join(', ')}).`,
          en: `the correct answer ${q(c)} is not one of its choices (${[...ids].join(', ')}).`,
        },
        at('correct'),
      );
  if (new Set(item.correct).size !== item.correct.length)
    problems.add({ fr: 'une bonne réponse est répétée.', en: 'a correct answer is repeated.' }, at('correct'));
}

function checkArea(area: HotspotArea | undefined, problems: ProblemList, where: { item: string; field: string }) {
  if (!area) {
    problems.add({ fr: 'chaque zone a sa forme (area).', en: 'every area has its shape (area).' }, where);
    return;
  }
  const c = area.coords;
  const ok =
    c.every((n) => Number.isFinite(n) && n >= 0 && n <= 100_000) &&
    (area.shape === 'circle'
      ? c.length === 3 && c[2]! > 0
      : area.shape === 'rect'
        ? c.length === 4 && c[0]! < c[2]! && c[1]! < c[3]!
        : c.length >= 6 && c.length % 2 === 0 && c.length <= 200);
  if (!ok)
    problems.add(
      {
        fr: `coordonnées ${q(c)} invalides pour la forme ${area.shape} : cercle [x, y, rayon], rectangle [gauche, haut, droite, bas], polygone [x1, y1, x2, y2, x3, y3, …], en pixels positifs de l’image.`,
        en: `invalid coordinates ${q(c)} for the shape ${area.shape}: circle [x, y, radius], rect [left, top, right, bottom], poly [x1, y1, x2, y2, x3, y3, …], in the image's positive pixels.`,
      },
      { ...where, field: `${where.field}.coords` },
    );
}

function checkMatchMax(list: readonly Choice[], problems: ProblemList, at: At) {
  for (const c of list)
    if (c.matchMax !== undefined && (!Number.isInteger(c.matchMax) || c.matchMax < 0 || c.matchMax > 26))
      problems.add(
        {
          fr: `match_max ${q(c.matchMax)} du choix ${q(c.id)} : un nombre entier de 0 (sans limite) à 26.`,
          en: `match_max ${q(c.matchMax)} of choice ${q(c.id)}: a whole number from 0 (no limit) to 26.`,
        },
        at('match_max'),
      );
}

/**
 * A key of pairs (`"left right"`): each pair well formed, its two ids known, no pair twice, no id used more
 * often than its match_max allows (1 by default; a slot of a cloze takes one word, an inline slot one choice).
 */
function checkPairKey(
  item: Item,
  left: Set<string>,
  right: Set<string>,
  problems: ProblemList,
  at: At,
  names: { left: string; right: string },
) {
  if (item.correct.length === 0)
    problems.add(
      { fr: 'il faut au moins une bonne réponse.', en: 'at least one correct answer is needed.' },
      at('correct'),
    );
  const uses = new Map<string, number>();
  const limit = new Map(
    [...item.choices, ...(item.targets ?? [])].map((c) => [c.id, c.matchMax === undefined ? 1 : c.matchMax]),
  );
  for (const pair of item.correct) {
    const p = splitPair(pair);
    if (!p || !left.has(p[0]) || !right.has(p[1])) {
      problems.add(
        {
          fr: `la paire ${q(pair)} n’est pas « un de ${names.left} » suivi, après une espace, d’« un de ${names.right} » (${[...left].join(', ')} / ${[...right].join(', ')}).`,
          en: `the pair ${q(pair)} is not "one of ${names.left}", a space, then "one of ${names.right}" (${[...left].join(', ')} / ${[...right].join(', ')}).`,
        },
        at('correct'),
      );
      continue;
    }
    for (const id of p) uses.set(id, (uses.get(id) ?? 0) + 1);
  }
  if (new Set(item.correct).size !== item.correct.length)
    problems.add({ fr: 'une bonne réponse est répétée.', en: 'a correct answer is repeated.' }, at('correct'));
  for (const [id, n] of uses) {
    const max = limit.get(id) ?? 1;
    if (max !== 0 && n > max)
      problems.add(
        {
          fr: `${q(id)} est associé ${n} fois dans la bonne réponse, ${max} au plus.`,
          en: `${q(id)} is paired ${n} times in the correct answer, ${max} at most.`,
        },
        at('correct'),
      );
  }
}

function checkCloze(
  item: Item,
  seen: Set<string>,
  problems: ProblemList,
  at: At,
  noImages: (list: readonly Choice[], field: string) => void,
) {
  const inline = item.type === 'inline_choice';
  forbidInteractionFields(item, problems, at, inline ? ['cloze', 'slots'] : ['cloze', 'slots', 'choices.match_max']);
  if (!item.cloze || !item.slots?.length) {
    problems.add(
      {
        fr: 'il faut le texte à compléter (cloze) avec au moins une place {{…}}.',
        en: 'the text to complete (cloze) with at least one place {{…}} is needed.',
      },
      at('cloze'),
    );
    return;
  }
  const slotIds = new Set<string>();
  item.slots.forEach((s, i) => {
    if (!IDENTIFIER.test(s.id) || seen.has(s.id))
      problems.add(
        {
          fr: `identifiant de place ${q(s.id)} invalide ou déjà pris.`,
          en: `place identifier ${q(s.id)} invalid or already used.`,
        },
        at(`slots[${i + 1}].id`),
      );
    seen.add(s.id);
    slotIds.add(s.id);
  });
  if (item.slots.length > LIMITS.maxChoices)
    problems.add(
      { fr: `${LIMITS.maxChoices} places au plus.`, en: `${LIMITS.maxChoices} places at most.` },
      at('slots'),
    );
  for (const lang of ['fr', 'en'] as const) {
    const parts = item.cloze[lang];
    if (!parts) continue;
    const places = clozeSlots(parts);
    if (places.length !== slotIds.size || new Set(places).size !== places.length || places.some((p) => !slotIds.has(p)))
      problems.add(
        {
          fr: `le texte (${lang}) doit contenir chaque place une fois : ${[...slotIds].map((s) => `{{${s}}}`).join(', ')}.`,
          en: `the text (${lang}) must hold every place once: ${[...slotIds].map((s) => `{{${s}}}`).join(', ')}.`,
        },
        at('cloze'),
      );
    const text = parts.filter((p) => typeof p === 'string').join(' ');
    checkText({ fr: text || '…' }, problems, at('cloze'));
  }
  if (inline) {
    if (item.choices.length)
      problems.add(
        {
          fr: 'les choix d’un texte à trous à listes sont donnés par place (slots[].choices).',
          en: 'the choices of an inline choice item are given by place (slots[].choices).',
        },
        at('choices'),
      );
    const allowed = new Map<string, Set<string>>();
    item.slots.forEach((s, i) => {
      noImages(s.choices ?? [], `slots[${i + 1}].choices`);
      allowed.set(s.id, checkChoiceList(s.choices ?? [], `slots[${i + 1}].choices`, seen, problems, at));
    });
    const all = new Set([...allowed.values()].flatMap((s) => [...s]));
    checkPairKey(item, slotIds, all, problems, at, { left: 'slots', right: 'slots[].choices' });
    const keyed = new Map<string, string>();
    for (const pair of item.correct) {
      const p = splitPair(pair);
      if (p && allowed.get(p[0])?.has(p[1])) keyed.set(p[0], p[1]);
      else if (p && all.has(p[1]))
        problems.add(
          {
            fr: `le choix ${q(p[1])} n’est pas une des options de la place ${q(p[0])}.`,
            en: `choice ${q(p[1])} is not an option of the place ${q(p[0])}.`,
          },
          at('correct'),
        );
    }
    for (const s of slotIds)
      if (!keyed.has(s))
        problems.add(
          { fr: `la place ${q(s)} n’a pas de bonne réponse.`, en: `the place ${q(s)} has no correct answer.` },
          at('correct'),
        );
    return;
  }
  noImages(item.choices, 'choices');
  if (item.slots.some((s) => s.choices))
    problems.add(
      {
        fr: 'les mots d’un texte à trous à glisser sont les choix de la question, pas ceux d’une place.',
        en: 'the words of a gap match item are the item’s choices, not a place’s.',
      },
      at('slots'),
    );
  const words = checkChoiceList(item.choices, 'choices', seen, problems, at);
  checkMatchMax(item.choices, problems, at);
  checkPairKey(item, words, slotIds, problems, at, { left: 'choices', right: 'slots' });
}

function checkEntry(item: Item, problems: ProblemList, at: At) {
  const e = item.entry;
  if (!e) {
    problems.add(
      { fr: 'une saisie de texte a besoin de « entry ».', en: 'a text entry item needs "entry".' },
      at('entry'),
    );
    return;
  }
  if (e.accepted.length === 0 || e.accepted.length > LIMITS.maxChoices)
    problems.add(
      {
        fr: `de 1 à ${LIMITS.maxChoices} réponses acceptées.`,
        en: `from 1 to ${LIMITS.maxChoices} accepted answers.`,
      },
      at('entry.accepted'),
    );
  if (e.kind === 'number') {
    if (!e.accepted.every((n) => Number.isFinite(n)))
      problems.add(
        { fr: 'une réponse acceptée n’est pas un nombre.', en: 'an accepted answer is not a number.' },
        at('entry.accepted'),
      );
    if (e.tolerance !== undefined && !(Number.isFinite(e.tolerance) && e.tolerance >= 0))
      problems.add(
        { fr: 'la tolérance est un nombre positif ou nul.', en: 'the tolerance is a number, zero or more.' },
        at('entry.tolerance'),
      );
  } else {
    for (const a of e.accepted)
      if (!a.trim() || a.length > MAX_TYPED_LENGTH || !isCleanText(a, false))
        problems.add(
          {
            fr: `réponse acceptée ${q(a)} : un texte non vide d’au plus ${MAX_TYPED_LENGTH} caractères, sur une ligne.`,
            en: `accepted answer ${q(a)}: a non-empty text of at most ${MAX_TYPED_LENGTH} characters, on one line.`,
          },
          at('entry.accepted'),
        );
  }
  if (
    e.expectedLength !== undefined &&
    !(Number.isInteger(e.expectedLength) && e.expectedLength >= 1 && e.expectedLength <= MAX_TYPED_LENGTH)
  )
    problems.add(
      {
        fr: `expected_length : un nombre entier de 1 à ${MAX_TYPED_LENGTH}.`,
        en: `expected_length: a whole number from 1 to ${MAX_TYPED_LENGTH}.`,
      },
      at('entry.expected_length'),
    );
}
