import type { Choice, Item, ItemImage } from '../../../../shared/exam.js';
import { normalizeLocalized, normalizeText } from '../exam-definition.js';
import { q, type Said } from '../import-problems.js';
import { parseClozeText } from '../items/cloze.js';
import { matchCorrectRules, partialRules, readMapping, ruleNode, sameRules, templateOf } from './read-processing.js';
import { readTextEntry } from './read-text-entry.js';
import { CLOZE_EN_CLASS, EN_LABELS_CLASS, inlineRules } from './write-interactions.js';
import { child, childrenNamed, descendants, elements, textOf, type XmlElement } from './xml.js';

/**
 * The interactions beyond a choice list, read into Vigie's item fields (exam.ts ItemType): order, match, gap
 * match, inline choice (one or more in a sentence: the places of a cloze), text entry and hotspot. Scoring is
 * read as the standard templates say (match_correct: the correct response earns the points; map_response with
 * Vigie's partial mapping for pairs, or a mapping of accepted texts for a text entry) or as Vigie's own export
 * writes it; anything else is refused with its reason, never scored another way.
 */
export const OTHER_INTERACTIONS = new Set([
  'orderInteraction',
  'matchInteraction',
  'gapMatchInteraction',
  'inlineChoiceInteraction',
  'textEntryInteraction',
  'hotspotInteraction',
]);

export interface ReadInteraction {
  fields: Pick<Item, 'type' | 'choices' | 'correct' | 'points'> & Partial<Item>;
  /** Elements the stem leaves out (the interaction, a cloze's paragraph). */
  skip: Set<XmlElement>;
  /** The picture a hotspot's areas are on (an object's data, or an img's src). */
  hotspotImage?: string;
  /** The interaction's shuffle attribute, when its type has one. */
  shuffle: boolean | null;
}

type ImageReader = (src: string, field: string) => ItemImage | null | undefined;
type TextOf = (nodes: (XmlElement | string)[]) => { fr: string; en?: string };

const floatOf = (s: string | undefined) => (s === undefined ? NaN : Number(s));

export function readInteraction(
  xml: XmlElement,
  body: XmlElement,
  interactions: XmlElement[],
  readText: TextOf,
  readImage: ImageReader,
): ReadInteraction | { problems: Said[] } {
  const read = readFields(xml, body, interactions, readText, readImage);
  if ('problems' in read) return read;
  // Vigie's English labels of hotspots and inline options (write-interactions.ts: an author's rubric block).
  const block = descendants(body, 'rubricBlock').find((b) =>
    (b.attrs.class ?? '').split(/\s+/).includes(EN_LABELS_CLASS),
  );
  if (block) {
    const en = new Map(
      descendants(block, 'p').map((p) => [(p.attrs.class ?? '').replace(/^vigie-en-/, ''), normalizeText(textOf(p))]),
    );
    const label = (c: Choice) => {
      const t = en.get(c.id);
      if (t) c.text = { fr: c.text.fr, en: t };
    };
    read.fields.choices.forEach(label);
    read.fields.slots?.forEach((s) => s.choices?.forEach(label));
  }
  return read;
}

function readFields(
  xml: XmlElement,
  body: XmlElement,
  interactions: XmlElement[],
  readText: TextOf,
  readImage: ImageReader,
): ReadInteraction | { problems: Said[] } {
  const first = interactions[0]!;
  const declarations = childrenNamed(xml, 'responseDeclaration');
  const declarationOf = (e: XmlElement) => declarations.find((d) => d.attrs.identifier === e.attrs.responseIdentifier);
  const correctOf = (d: XmlElement | undefined) =>
    d
      ? descendants(child(d, 'correctResponse') ?? { name: '', rawName: '', attrs: {}, children: [] }, 'value').map(
          (v) => normalizePair(textOf(v)),
        )
      : [];
  const maxScore = floatOf(
    childrenNamed(xml, 'outcomeDeclaration')
      .find((o) => o.attrs.identifier === 'MAXSCORE')
      ?.children.filter((c): c is XmlElement => typeof c !== 'string')
      .find((c) => c.name === 'defaultValue')
      ?.children.map((c) => (typeof c === 'string' ? c : textOf(c)))
      .join('')
      .trim(),
  );
  const processing = child(xml, 'responseProcessing');
  const custom = processing ? elements(processing).map(ruleNode) : [];
  const template = processing?.attrs.template ? templateOf(processing.attrs.template) : null;
  const choiceList = (list: XmlElement[], field: string): Choice[] | null => {
    const out: Choice[] = [];
    for (const c of list) {
      const imgs = descendants(c, 'img');
      const text = readText(c.children);
      const choice: Choice = {
        id: c.attrs.identifier ?? '',
        text: normalizeLocalized({ fr: text.fr || (imgs[0]?.attrs.alt ?? ''), en: text.en }),
      };
      if (c.attrs.fixed === 'true') choice.fixed = true;
      const max = c.attrs.matchMax;
      if (max !== undefined && (c.name === 'simpleAssociableChoice' || c.name === 'gapText') && max !== '1')
        choice.matchMax = Number(max);
      if (imgs.length > 1) return null;
      if (imgs[0]) {
        const image = readImage(imgs[0].attrs.src ?? '', `${field}.image`);
        if (!image) return null;
        choice.image = image;
      }
      out.push(choice);
    }
    return out;
  };
  const fail = (fr: string, en: string) => ({ problems: [{ fr, en }] });
  const points = [maxScore, 1].find((n) => Number.isFinite(n) && n > 0)!;
  const skip = new Set<XmlElement>([first]);
  /** Vigie's plain scoring: no processing, the match_correct template, or the rules it stands for. */
  const plain = (response = 'RESPONSE') =>
    !processing || template === 'match_correct' || sameRules(custom, matchCorrectRules(response, points));
  const mapped = () => template === 'map_response' || sameRules(custom, partialRules('RESPONSE'));
  const refuseScoring = () =>
    fail(
      `le traitement des réponses de ${q(first.rawName)} n’est ni match_correct, ni map_response au barème de Vigie : Vigie ne sait pas le noter fidèlement.`,
      `the response processing of ${q(first.rawName)} is neither match_correct nor map_response with Vigie's mapping: Vigie cannot score it faithfully.`,
    );
  /** Pairs: all-or-nothing, or Vigie's partial mapping (each right pair its share, any other pair minus it). */
  const pairScoring = (correct: string[]): Partial<Item> | null => {
    if (plain()) return { scoring: 'all_or_nothing' };
    const mapping = readMapping(declarationOf(first)!);
    if (!mapped() || !mapping) return null;
    const total = mapping.upperBound ?? points;
    const share = total / Math.max(1, correct.length);
    const fits =
      mapping.lowerBound === 0 &&
      Math.abs(mapping.defaultValue + share) < 1e-6 &&
      mapping.entries.length === correct.length &&
      mapping.entries.every((e) => correct.includes(normalizePair(e.key)) && Math.abs(e.value - share) < 1e-6);
    return fits ? { scoring: 'partial', points: total } : null;
  };

  switch (first.name) {
    case 'orderInteraction': {
      const d = declarationOf(first);
      const choices = choiceList(childrenNamed(first, 'simpleChoice'), 'choices');
      if (!choices) return fail('un choix porte plusieurs images.', 'a choice holds several images.');
      if (!plain()) return refuseScoring();
      if (d?.attrs.cardinality !== 'ordered')
        return fail(
          'la réponse d’une mise en ordre est de cardinalité ordered.',
          'an order response has the ordered cardinality.',
        );
      return { fields: { type: 'order', choices, correct: correctOf(d), points }, skip, shuffle: null };
    }
    case 'matchInteraction': {
      const sets = childrenNamed(first, 'simpleMatchSet');
      if (sets.length !== 2)
        return fail(
          'une association a deux ensembles (simpleMatchSet).',
          'a match interaction has two sets (simpleMatchSet).',
        );
      const choices = choiceList(childrenNamed(sets[0]!, 'simpleAssociableChoice'), 'choices');
      const targets = choiceList(childrenNamed(sets[1]!, 'simpleAssociableChoice'), 'targets');
      if (!choices || !targets) return fail('un choix porte plusieurs images.', 'a choice holds several images.');
      const correct = correctOf(declarationOf(first));
      const scoring = pairScoring(correct);
      if (!scoring) return refuseScoring();
      return {
        fields: { type: 'match', choices, targets, correct, points, ...scoring },
        skip,
        shuffle: first.attrs.shuffle === 'true',
      };
    }
    case 'gapMatchInteraction': {
      const choices = choiceList(childrenNamed(first, 'gapText'), 'choices');
      if (!choices) return fail('un mot porte une image.', 'a word holds an image.');
      const gaps = descendants(first, 'gap');
      const blocks = elements(first).filter((e) => e.name !== 'gapText' && e.name !== 'prompt');
      const cloze = clozeOf(blocks, (e) => (e.name === 'gap' ? (e.attrs.identifier ?? '') : null));
      const en = enCloze(body, skip);
      const correct = correctOf(declarationOf(first));
      const scoring = pairScoring(correct);
      if (!scoring) return refuseScoring();
      return {
        fields: {
          type: 'gap_match',
          choices,
          correct,
          points,
          cloze: en ? { fr: cloze, en } : { fr: cloze },
          slots: gaps.map((g) => ({ id: g.attrs.identifier ?? '' })),
          ...scoring,
        },
        skip,
        shuffle: first.attrs.shuffle === 'true',
      };
    }
    case 'inlineChoiceInteraction': {
      // The blocks holding the places are the cloze; the rest of the body is the stem.
      const holders = elements(body).filter((b) =>
        interactions.some((i) => b === i || descendants(b, 'inlineChoiceInteraction').includes(i)),
      );
      holders.forEach((h) => skip.add(h));
      const cloze = clozeOf(holders, (e) =>
        e.name === 'inlineChoiceInteraction' ? (e.attrs.responseIdentifier ?? '') : null,
      );
      const en = enCloze(body, skip);
      const slots = [];
      const correct: string[] = [];
      for (const i of interactions) {
        const options = choiceList(childrenNamed(i, 'inlineChoice'), 'slots');
        if (!options) return fail('une option porte plusieurs images.', 'an option holds several images.');
        const d = declarationOf(i);
        if (!d)
          return fail(
            `aucune déclaration de réponse pour ${q(i.attrs.responseIdentifier ?? '')}.`,
            `no response declaration for ${q(i.attrs.responseIdentifier ?? '')}.`,
          );
        slots.push({ id: i.attrs.responseIdentifier ?? '', choices: options });
        for (const v of correctOf(d)) correct.push(`${i.attrs.responseIdentifier ?? ''} ${v}`);
      }
      const ids = slots.map((s) => s.id);
      let scoring: Partial<Item> | null = null;
      if (interactions.length === 1 && plain(ids[0])) scoring = { scoring: 'all_or_nothing' };
      else if (sameRules(custom, inlineRules(ids, points, false))) scoring = { scoring: 'all_or_nothing' };
      else if (sameRules(custom, inlineRules(ids, points, true))) scoring = { scoring: 'partial' };
      if (!scoring)
        return fail(
          `${interactions.length} réponses (${ids.join(', ')}) notées par un traitement que Vigie ne sait pas rapporter à ses places : seules « toutes justes » et « une part par place juste » (comme Vigie les écrit) sont reprises.`,
          `${interactions.length} responses (${ids.join(', ')}) scored by processing Vigie cannot map to its places: only "all right" and "a share per right place" (as Vigie writes them) are read.`,
        );
      return {
        fields: {
          type: 'inline_choice',
          choices: [],
          correct,
          points,
          cloze: en ? { fr: cloze, en } : { fr: cloze },
          slots,
          ...scoring,
        },
        skip,
        shuffle: interactions.every((i) => i.attrs.shuffle === 'true'),
      };
    }
    case 'textEntryInteraction': {
      if (interactions.length > 1)
        return fail('une seule saisie de texte par question.', 'one text entry per item at most.');
      const d = declarationOf(first);
      const entry = readTextEntry(first, d, correctOf(d), { custom, points, plain, mapped });
      if (!entry) return refuseScoring();
      if ('problems' in entry) return entry;
      return { fields: { type: 'text_entry', choices: [], correct: [], points, entry }, skip, shuffle: null };
    }
    case 'hotspotInteraction': {
      const d = declarationOf(first);
      const object = child(first, 'object') ?? child(first, 'img') ?? descendants(first, 'img')[0];
      const src = object?.attrs.data ?? object?.attrs.src;
      if (!src)
        return fail(
          'la zone à cliquer n’a pas d’image (object ou img).',
          'the hotspot interaction has no image (object or img).',
        );
      const choices: Choice[] = childrenNamed(first, 'hotspotChoice').map((h) => ({
        id: h.attrs.identifier ?? '',
        text: normalizeLocalized({ fr: h.attrs.hotspotLabel ?? h.attrs.identifier ?? '' }),
        area: {
          shape: (h.attrs.shape === 'rect' || h.attrs.shape === 'poly'
            ? h.attrs.shape
            : h.attrs.shape === 'circle'
              ? 'circle'
              : h.attrs.shape) as 'circle',
          coords: (h.attrs.coords ?? '').split(',').map((n) => Number(n.trim())),
        },
      }));
      const bad = childrenNamed(first, 'hotspotChoice').find(
        (h) => !['circle', 'rect', 'poly'].includes(h.attrs.shape ?? ''),
      );
      if (bad)
        return fail(
          `forme ${q(bad.attrs.shape)} non prise en charge (circle, rect, poly).`,
          `shape ${q(bad.attrs.shape)} is not supported (circle, rect, poly).`,
        );
      if (!plain()) return refuseScoring();
      const max = Number(first.attrs.maxChoices ?? 1);
      const min = Number(first.attrs.minChoices ?? 0);
      return {
        fields: {
          type: 'hotspot',
          choices,
          correct: correctOf(d),
          points,
          ...(max !== 1 ? { maxChoices: max } : {}),
          ...(min ? { minChoices: min } : {}),
        },
        skip,
        hotspotImage: src,
        shuffle: null,
      };
    }
    default:
      return fail(`${q(first.rawName)} n’est pas pris en charge.`, `${q(first.rawName)} is not supported.`);
  }
}

/** A directedPair's value with one space between its two identifiers (as a response writes it). */
const normalizePair = (s: string) => s.trim().split(/\s+/).join(' ');

/** The text of some blocks, each place written {{id}}, cut into a cloze's parts. */
function clozeOf(blocks: XmlElement[], place: (e: XmlElement) => string | null) {
  const walk = (nodes: (XmlElement | string)[]): string =>
    nodes
      .map((n) => {
        if (typeof n === 'string') return n;
        const id = place(n);
        if (id !== null) return `{{${id}}}`;
        if (n.attrs.lang) return '';
        return walk(n.children);
      })
      .join('');
  return parseClozeText(normalizeText(blocks.map((b) => walk([b])).join('\n\n')));
}

/** Vigie's English cloze (a paragraph of class vigie-cloze-en), left out of the stem. */
function enCloze(body: XmlElement, skip: Set<XmlElement>) {
  const p = descendants(body, 'p').find((e) => (e.attrs.class ?? '').split(/\s+/).includes(CLOZE_EN_CLASS));
  if (!p) return undefined;
  skip.add(p);
  return parseClozeText(normalizeText(textOf(p)));
}
