import type { Choice, Item, ItemImage, LocalizedText } from '../../../../shared/exam.js';
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
import { TRUE_FALSE_CLASS } from './qti-versions.js';
import { child, childrenNamed, descendants, elements, textOf, type XmlElement } from './xml.js';

/** Elements that start a new paragraph when a body is read as plain text. */
const BLOCKS = new Set([
  'p',
  'div',
  'ul',
  'ol',
  'li',
  'table',
  'tr',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'prompt',
  'rubricBlock',
]);

/** Never shown to a candidate: feedback (shown after scoring, it often gives the answer away) and catalogues. */
const NOT_FOR_CANDIDATES = new Set(['feedbackInline', 'feedbackBlock', 'modalFeedback', 'catalogInfo']);

/**
 * What Vigie cannot render faithfully: an item holding one is refused by name, never imported without it
 * (a question about a video that is not there).
 */
const CANNOT_RENDER: Record<string, { fr: string; en: string }> = {
  object: { fr: 'un média (object)', en: 'a media object' },
  audio: { fr: 'un son (audio)', en: 'an audio clip' },
  video: { fr: 'une vidéo', en: 'a video' },
  iframe: { fr: 'une page incorporée (iframe)', en: 'an embedded page (iframe)' },
  embed: { fr: 'un contenu incorporé (embed)', en: 'embedded content' },
  math: { fr: 'une formule MathML', en: 'a MathML formula' },
  include: { fr: 'un fichier inclus (xi:include)', en: 'an included file (xi:include)' },
  templateBlock: { fr: 'un contenu de modèle (template)', en: 'template content' },
  templateInline: { fr: 'un contenu de modèle (template)', en: 'template content' },
  printedVariable: { fr: 'une variable affichée (printedVariable)', en: 'a printed variable' },
};

/** A rubric block is for the candidate only when its view says so (QTI's view: candidate, scorer, proctor, …). */
const forCandidate = (e: XmlElement) =>
  e.name !== 'rubricBlock' || (e.attrs.view ?? '').split(/\s+/).includes('candidate');

/** Content the author hid (QTI 3.0's qti-hidden class, HTML's hidden attribute, display: none). */
const hidden = (e: XmlElement) =>
  e.attrs.hidden !== undefined ||
  (e.attrs.class ?? '').split(/\s+/).includes('qti-hidden') ||
  /display\s*:\s*none/i.test(e.attrs.style ?? '');

/** Whether an element and its content are left out of what a candidate sees. */
export const notShown = (e: XmlElement) => NOT_FOR_CANDIDATES.has(e.name) || !forCandidate(e) || hidden(e);

/**
 * Plain text of some QTI content, split by language: text inside an element marked xml:lang="en" (as Vigie
 * writes English) goes to `en`, the rest to `fr`. Images met on the way are collected; what a candidate may
 * not see is skipped; what Vigie cannot render is collected in `unsupported`.
 */
class TextReader {
  fr = '';
  en = '';
  images: XmlElement[] = [];
  unsupported: { name: string; fr: string; en: string }[] = [];

  read(nodes: (XmlElement | string)[], lang: 'fr' | 'en', skip: (e: XmlElement) => boolean = () => false) {
    for (const n of nodes) {
      if (typeof n === 'string') {
        this[lang] += n;
        continue;
      }
      if (skip(n) || notShown(n)) continue;
      if (n.name === 'img') {
        this.images.push(n);
        continue;
      }
      const refused = CANNOT_RENDER[n.name];
      if (refused || n.name.endsWith('Interaction')) {
        this.unsupported.push({
          name: q(n.rawName),
          fr: refused ? ` (${refused.fr})` : ' (une interaction)',
          en: refused ? ` (${refused.en})` : ' (an interaction)',
        });
        continue;
      }
      const l = n.attrs.lang ? (n.attrs.lang.toLowerCase().startsWith('en') ? 'en' : 'fr') : lang;
      const block = BLOCKS.has(n.name);
      if (block) this[l] += '\n\n';
      // A line break, and the edge of a table cell, separate words (a table is not run-on text).
      if (n.name === 'br' || n.name === 'td' || n.name === 'th') this[l] += ' ';
      this.read(n.children, l, skip);
      if (n.name === 'td' || n.name === 'th') this[l] += ' ';
      if (block) this[l] += '\n\n';
    }
  }

  text(): LocalizedText {
    return normalizeLocalized({ fr: normalizeText(this.fr), en: normalizeText(this.en) });
  }
}

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
  const stem = new TextReader();
  stem.read(body.children, 'fr', (e) => e === interaction);
  const prompt = child(interaction, 'prompt');
  if (prompt) stem.read([prompt], 'fr');
  if (stem.unsupported.length)
    return fail(
      `contenu que Vigie ne peut pas afficher fidèlement dans l’énoncé : ${stem.unsupported.map((n) => n.name + n.fr).join(', ')}.`,
      `content Vigie cannot render faithfully in the stem: ${stem.unsupported.map((n) => n.name + n.en).join(', ')}.`,
      'itemBody',
    );
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
  const outside = (e: XmlElement) => e === interaction || notShown(e);
  const shown = prompt ? [...body.children, prompt] : body.children;
  if (needsStructure(shown, outside)) {
    const rich = new RichReader(outside);
    rich.read(body.children, 'fr');
    if (prompt) rich.read([prompt], 'fr');
    item.body = rich.result();
  }
  const title = normalizeText(xml.attrs.title ?? '');
  if (title && title !== defaultItemTitle(item.stem)) item.title = { fr: title };
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
  const stem = new TextReader();
  stem.read(body.children, 'fr', (e) => read.skip.has(e));
  if (prompt) stem.read([prompt], 'fr');
  if (stem.unsupported.length)
    return fail(
      `contenu que Vigie ne peut pas afficher fidèlement dans l’énoncé : ${stem.unsupported.map((n) => n.name + n.fr).join(', ')}.`,
      `content Vigie cannot render faithfully in the stem: ${stem.unsupported.map((n) => n.name + n.en).join(', ')}.`,
      'itemBody',
    );
  if (stem.images.length > (read.hotspotImage ? 0 : 1))
    return fail('une seule image par question.', 'one image per item at most.', 'itemBody');
  const item: Item = { id, stem: stem.text(), ...read.fields };
  const outside = (e: XmlElement) => read.skip.has(e) || notShown(e);
  const shown = prompt ? [...body.children, prompt] : body.children;
  if (needsStructure(shown, outside)) {
    const rich = new RichReader(outside);
    rich.read(body.children, 'fr');
    if (prompt) rich.read([prompt], 'fr');
    item.body = rich.result();
  }
  const title = normalizeText(xml.attrs.title ?? '');
  if (title && title !== defaultItemTitle(item.stem)) item.title = { fr: title };
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
