import type { LocalizedText } from '../../../../shared/exam.js';
import { normalizeLocalized, normalizeText } from '../exam-definition.js';
import { q } from '../import-problems.js';
import type { XmlElement } from './xml.js';

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
export class TextReader {
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
