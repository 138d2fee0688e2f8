import type { Choice, Item, ItemImage } from '../../../../shared/exam.js';
import {
  defaultItemTitle,
  mimeOfFileName,
  normalizeLocalized,
  normalizeText,
  TRUE_FALSE_CHOICES,
} from '../exam-definition.js';
import { q } from '../import-problems.js';
import { resolveHref, type Package } from './package.js';
import { OTHER_INTERACTIONS, readInteraction } from './read-interactions.js';
import { readScoring } from './read-processing.js';
import { needsStructure, RichReader } from './read-rich.js';
import { notShown, TextReader } from './read-text.js';
import { TRUE_FALSE_CLASS } from './qti-versions.js';
import { child, childrenNamed, descendants, elements, textOf, type XmlElement } from './xml.js';

/** Parts of an item (beside its body) that change what the candidate sees or how it is scored. */
const ITEM_LEVEL_REFUSED: Record<string, { fr: string; en: string }> = {
  templateDeclaration: {
    fr: 'une variable de modèle (question générée)',
    en: 'a template variable (a generated item)',
  },
  templateProcessing: {
    fr: 'un traitement de modèle (question générée)',
    en: 'template processing (a generated item)',
  },
  assessmentStimulusRef: {
    fr: 'un texte ou média partagé entre questions (stimulus)',
    en: 'a stimulus shared between items (a passage or media)',
  },
};

interface ReadItem {
  item: Item;
  /** The interaction's shuffle attribute; null for a type that has none (true/false, order, hotspot, text entry). */
  shuffle: boolean | null;
}

/** One assessment item with one choice interaction, into Vigie's item. Problems go to the package. */
export function readItem(xml: XmlElement, file: string, pkg: Package, resources: XmlElement[]): ReadItem | null {
  const problems = pkg.problems;
  const id = xml.attrs.identifier ?? '';
  const at = (field?: string) => ({ file: pkg.where(file), item: id || file, field });
  const fail = (fr: string, en: string, field?: string) => {
    problems.add({ fr, en }, at(field));
    return null;
  };
  if (xml.name !== 'assessmentItem')
    return fail(`${q(xml.rawName)} n’est pas une question QTI.`, `${q(xml.rawName)} is not a QTI assessment item.`);
  const body = child(xml, 'itemBody');
  if (!body) return fail('la question n’a pas de corps (itemBody).', 'the item has no itemBody.');
  const itemLevel = elements(xml).find((e) => ITEM_LEVEL_REFUSED[e.name]);
  if (itemLevel) {
    const why = ITEM_LEVEL_REFUSED[itemLevel.name]!;
    return fail(
      `${q(itemLevel.rawName)} : ${why.fr} ; Vigie ne peut pas l’afficher fidèlement, la question est refusée.`,
      `${q(itemLevel.rawName)}: ${why.en}; Vigie cannot render it faithfully, the item is refused.`,
      itemLevel.rawName,
    );
  }
  const interactions = allInteractions(body);
  const unsupported = interactions.filter((i) => i.name !== 'choiceInteraction' && !OTHER_INTERACTIONS.has(i.name));
  // Interactions inside content a candidate never sees (a feedback block) do not count.
  if (unsupported.length > 0)
    return fail(
      `type d’interaction non pris en charge : ${unsupported.map((i) => q(i.rawName)).join(', ')} (Vigie lit les interactions choice, hotspot, order, match, gapMatch, inlineChoice et textEntry ; une association libre, associateInteraction, s’écrit en matchInteraction).`,
      `unsupported interaction type: ${unsupported.map((i) => q(i.rawName)).join(', ')} (Vigie reads the choice, hotspot, order, match, gapMatch, inlineChoice and textEntry interactions; a free association, associateInteraction, is written as a matchInteraction).`,
      'itemBody',
    );
  const kinds = new Set(interactions.map((i) => i.name));
  if (
    kinds.size === 1 &&
    (interactions[0]!.name === 'inlineChoiceInteraction' ||
      (interactions.length === 1 && OTHER_INTERACTIONS.has(interactions[0]!.name)))
  )
    return readOtherItem(xml, body, interactions, id, file, pkg, resources, at, fail);
  if (interactions.length !== 1 || kinds.has('inlineChoiceInteraction') || !kinds.has('choiceInteraction'))
    return fail(
      `la question doit contenir exactement une interaction (ici ${interactions.length}${kinds.size > 1 ? ` de ${kinds.size} sortes` : ''}), ou des listes dans un texte (inlineChoice).`,
      `the item must hold exactly one interaction (here ${interactions.length}${kinds.size > 1 ? ` of ${kinds.size} kinds` : ''}), or lists in a text (inlineChoice).`,
      'itemBody',
    );
  const interaction = interactions[0]!;
  const declaration = childrenNamed(xml, 'responseDeclaration').find(
    (d) => d.attrs.identifier === interaction.attrs.responseIdentifier,
  );
  if (!declaration)
    return fail(
      `aucune déclaration de réponse pour ${q(interaction.attrs.responseIdentifier ?? '')}.`,
      `no response declaration for ${q(interaction.attrs.responseIdentifier ?? '')}.`,
      'responseDeclaration',
    );
  const cardinality = declaration.attrs.cardinality;
  if (cardinality !== 'single' && cardinality !== 'multiple')
    return fail(
      `cardinalité ${q(cardinality)} non prise en charge (single ou multiple).`,
      `cardinality ${q(cardinality)} is not supported (single or multiple).`,
      'responseDeclaration',
    );

  // The stem: the body without the interaction, then the interaction's prompt.
  const prompt = child(interaction, 'prompt');
  const leftOut = (e: XmlElement) => e === interaction;
  const stem = readStem(body, prompt, leftOut, fail);
  if (!stem) return null;
  if (stem.images.length > 1) return fail('une seule image par question.', 'one image per item at most.', 'itemBody');

  const choices: Choice[] = [];
  for (const c of childrenNamed(interaction, 'simpleChoice')) {
    const r = new TextReader();
    r.read(c.children, 'fr');
    if (r.images.length > 1 || r.unsupported.length)
      return fail(
        `le choix ${q(c.attrs.identifier)} contient plusieurs images ou un contenu non pris en charge : du texte et une image au plus.`,
        `choice ${q(c.attrs.identifier)} holds several images or unsupported content: text and one image at most.`,
        'choices',
      );
    const picture = r.images[0];
    const text = r.text();
    const choice: Choice = {
      id: c.attrs.identifier ?? '',
      // A choice that is only a picture is named by its alternative text.
      text: picture && !text.fr ? normalizeLocalized({ fr: picture.attrs.alt ?? '', en: text.en }) : text,
      ...(c.attrs.fixed === 'true' ? { fixed: true } : {}),
    };
    if (picture) {
      const image = readImage(picture, file, pkg, resources, at('choices'));
      if (!image) return null;
      choice.image = image;
    }
    choices.push(choice);
  }
  const correct = descendants(child(declaration, 'correctResponse') ?? declaration, 'value').map((v) =>
    textOf(v).trim(),
  );
  if (!child(declaration, 'correctResponse'))
    return fail(
      'la question ne déclare pas de bonne réponse (correctResponse).',
      'the item declares no correct response.',
      'correctResponse',
    );

  const scoring = readScoring(xml, declaration, correct, choices);
  if ('problems' in scoring) {
    for (const p of scoring.problems) problems.add(p, at('responseProcessing'));
    return null;
  }

  const trueFalse = (interaction.attrs.class ?? '').split(/\s+/).includes(TRUE_FALSE_CLASS);
  // A true/false item always has Vigie's two choices; other ids are left for checkDefinition to refuse.
  const canonical = trueFalse && choices.map((c) => c.id).join(' ') === 'true false';
  const item: Item = {
    id,
    type: cardinality === 'multiple' ? 'multiple' : trueFalse ? 'true_false' : 'single',
    stem: stem.text(),
    choices: canonical ? TRUE_FALSE_CHOICES.map((c) => ({ id: c.id, text: { ...c.text } })) : choices,
    correct,
    points: scoring.points,
  };
  if (item.type === 'multiple') item.scoring = scoring.partial ? 'partial' : 'all_or_nothing';
  if (scoring.rules) item.rules = scoring.rules;
  addBodyAndTitle(item, xml, body, prompt, leftOut);
  if (item.type === 'multiple') {
    // QTI: max-choices 0 is "no limit"; a limit as large as the choices says nothing either.
    const max = Number(interaction.attrs.maxChoices ?? 0);
    const min = Number(interaction.attrs.minChoices ?? 0);
    if (Number.isFinite(max) && max > 0 && max < item.choices.length) item.maxChoices = max;
    else if (!Number.isFinite(max)) item.maxChoices = max; // refused by checkItem, with its message
    if (min !== 0) item.minChoices = min;
  }
  const img = stem.images[0];
  if (img) {
    const image = readImage(img, file, pkg, resources, at('image'));
    if (!image) return null;
    item.image = image;
  }
  if (item.type === 'true_false') return { item, shuffle: null };
  if (interaction.attrs.shuffle !== 'true') item.shuffle = false;
  return { item, shuffle: interaction.attrs.shuffle === 'true' };
}

/** An item of another interaction (read-interactions.ts): its stem, image and fields. */
function readOtherItem(
  xml: XmlElement,
  body: XmlElement,
  interactions: XmlElement[],
  id: string,
  file: string,
  pkg: Package,
  resources: XmlElement[],
  at: (field?: string) => { file: string; item: string; field?: string },
  fail: (fr: string, en: string, field?: string) => null,
): ReadItem | null {
  const readText = (nodes: (XmlElement | string)[]) => {
    const r = new TextReader();
    r.read(nodes, 'fr', (e) => e.name === 'img');
    return r.text();
  };
  const image = (src: string, field: string, alt = '') =>
    readImage({ name: 'img', rawName: 'img', attrs: { src, alt }, children: [] }, file, pkg, resources, at(field));
  const read = readInteraction(xml, body, interactions, readText, (src, field) => {
    const img = descendants(body, 'img').find((i) => i.attrs.src === src);
    return image(src, field, img?.attrs.alt ?? '');
  });
  if ('problems' in read) {
    for (const p of read.problems) pkg.problems.add(p, at(interactions[0]!.rawName));
    return null;
  }
  const first = interactions[0]!;
  const prompt = child(first, 'prompt');
  const leftOut = (e: XmlElement) => read.skip.has(e);
  const stem = readStem(body, prompt, leftOut, fail);
  if (!stem) return null;
  if (stem.images.length > (read.hotspotImage ? 0 : 1))
    return fail('une seule image par question.', 'one image per item at most.', 'itemBody');
  const item: Item = { id, stem: stem.text(), ...read.fields };
  addBodyAndTitle(item, xml, body, prompt, leftOut);
  if (read.hotspotImage) {
    const object = child(first, 'object');
    const img = image(
      read.hotspotImage,
      'image',
      object ? normalizeText(textOf(object)) : (child(first, 'img')?.attrs.alt ?? ''),
    );
    if (!img) return null;
    item.image = img;
  } else if (stem.images[0]) {
    const img = readImage(stem.images[0], file, pkg, resources, at('image'));
    if (!img) return null;
    item.image = img;
  }
  if (read.shuffle === false) item.shuffle = false;
  return { item, shuffle: read.shuffle };
}

/**
 * The stem's text: the body without what `leftOut` names, then the interaction's prompt. Null once the problem
 * is said when it holds content Vigie cannot render.
 */
function readStem(
  body: XmlElement,
  prompt: XmlElement | undefined,
  leftOut: (e: XmlElement) => boolean,
  fail: (fr: string, en: string, field?: string) => null,
): TextReader | null {
  const stem = new TextReader();
  stem.read(body.children, 'fr', leftOut);
  if (prompt) stem.read([prompt], 'fr');
  if (!stem.unsupported.length) return stem;
  return fail(
    `contenu que Vigie ne peut pas afficher fidèlement dans l’énoncé : ${stem.unsupported.map((n) => n.name + n.fr).join(', ')}.`,
    `content Vigie cannot render faithfully in the stem: ${stem.unsupported.map((n) => n.name + n.en).join(', ')}.`,
    'itemBody',
  );
}

/** The body's structure when its plain text would lose it (lists, tables…), and the author's own title. */
function addBodyAndTitle(
  item: Item,
  xml: XmlElement,
  body: XmlElement,
  prompt: XmlElement | undefined,
  leftOut: (e: XmlElement) => boolean,
) {
  const outside = (e: XmlElement) => leftOut(e) || notShown(e);
  const shown = prompt ? [...body.children, prompt] : body.children;
  if (needsStructure(shown, outside)) {
    const rich = new RichReader(outside);
    rich.read(body.children, 'fr');
    if (prompt) rich.read([prompt], 'fr');
    item.body = rich.result();
  }
  const title = normalizeText(xml.attrs.title ?? '');
  if (title && title !== defaultItemTitle(item.stem)) item.title = { fr: title };
}

function allInteractions(body: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of elements(e)) {
      if (notShown(c)) continue;
      if (c.name.endsWith('Interaction')) out.push(c);
      else walk(c);
    }
  };
  walk(body);
  return out;
}

function readImage(
  img: XmlElement,
  file: string,
  pkg: Package,
  resources: XmlElement[],
  at: { file: string; item: string; field?: string },
): ItemImage | null {
  const src = pkg.resolve(file, img.attrs.src ?? '', { item: at.item });
  if (src === null) return null;
  const mime = mimeOfFileName(src);
  if (!mime) {
    pkg.problems.add(
      {
        fr: `${q(src)} : seules les images SVG, PNG et JPEG sont acceptées.`,
        en: `${q(src)}: only SVG, PNG and JPEG images are accepted.`,
      },
      at,
    );
    return null;
  }
  const bytes = pkg.bytes(src, { file, item: at.item });
  if (!bytes) return null;
  const resource = resources.find((r) => resolveHref('imsmanifest.xml', r.attrs.href ?? '') === src);
  const en = resource
    ? descendants(resource, 'description')
        .flatMap((d) => childrenNamed(d, 'string'))
        .find((s) => (s.attrs.language ?? '').toLowerCase().startsWith('en'))
    : undefined;
  const alt = normalizeLocalized({ fr: img.attrs.alt ?? '', en: en ? textOf(en) : undefined });
  return { mime, data: Buffer.from(bytes).toString('base64'), ...(alt.fr ? { alt } : {}) };
}
