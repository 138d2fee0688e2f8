import type { Choice, Item, ItemImage, ItemRules, LocalizedText, RuleNode } from '../../../../shared/exam.js';
import { mimeOfFileName, normalizeLocalized, TRUE_FALSE_CHOICES } from '../exam-definition.js';
import type {
  ExamFileChoice,
  ExamFileImage,
  ExamFileItem,
  ExamFileProcessing,
  ExamFileText,
} from '../exam-file.schema.js';
import { q, type ProblemList } from '../import-problems.js';
import { clozeSlots, parseCloze } from './cloze.js';

/** Reads a file named by the exam file (an image), relative to it; null when it is not there. */
export type AssetReader = (relativePath: string) => Buffer | null;

/**
 * One item of Vigie's own format (exam-file.schema.ts) as an Item: the texts normalized, the images read,
 * the key in the response encoding of its type (exam.ts ItemType). What is wrong across fields is left to
 * checkItem; what cannot be read at all is added to `problems` here.
 */
export function toText(t: ExamFileText): LocalizedText {
  return normalizeLocalized(typeof t === 'string' ? { fr: t } : t);
}

export function toItem(it: ExamFileItem, index: number, readAsset: AssetReader, problems: ProblemList): Item {
  const label = it.id || `#${index + 1}`;
  const at = (field: string) => ({ item: label, field });
  const choice = (c: ExamFileChoice, field: string): Choice => {
    const out: Choice = { id: c.id, text: toText(c.text) };
    if (c.fixed) out.fixed = true;
    if (c.image) {
      const image = toImage(c.image, readAsset, problems, label, `${field}.image`);
      if (image) out.image = image;
    }
    if (c.area) out.area = { shape: c.area.shape, coords: c.area.coords };
    if (c.match_max !== undefined) out.matchMax = c.match_max;
    return out;
  };
  const choices = (list: ExamFileChoice[] | undefined, field: string) =>
    (list ?? []).map((c, i) => choice(c, `${field}[${i + 1}]`));
  const item: Item = {
    id: it.id,
    type: it.type,
    stem: toText(it.stem),
    choices: [],
    correct: [],
    points: it.points ?? 1,
  };
  if (it.type === 'true_false') {
    if (it.choices)
      problems.add(
        {
          fr: 'une question vrai/faux ne donne pas de choix : ce sont toujours « Vrai » et « Faux ».',
          en: 'a true/false item lists no choices: they are always "Vrai" and "Faux".',
        },
        at('choices'),
      );
    item.choices = TRUE_FALSE_CHOICES.map((c) => ({ id: c.id, text: { ...c.text } }));
    const key = it.correct;
    if (key === true || key === 'true') item.correct = ['true'];
    else if (key === false || key === 'false') item.correct = ['false'];
    else
      problems.add(
        key === undefined
          ? { fr: 'champ obligatoire manquant.', en: 'required field missing.' }
          : {
              fr: `la bonne réponse d’une question vrai/faux est true ou false, pas ${q(key)}.`,
              en: `the correct answer of a true/false item is true or false, not ${q(key)}.`,
            },
        at('correct'),
      );
  } else {
    item.choices = choices(it.choices, 'choices');
    if (typeof it.correct === 'boolean')
      problems.add(
        {
          fr: 'true ou false ne désigne aucun choix : donnez l’identifiant d’un choix.',
          en: 'true or false names no choice: give a choice identifier.',
        },
        at('correct'),
      );
    else if (it.correct === undefined) {
      if (it.type !== 'text_entry')
        problems.add({ fr: 'champ obligatoire manquant.', en: 'required field missing.' }, at('correct'));
    } else item.correct = typeof it.correct === 'string' ? [it.correct] : it.correct;
  }
  if (it.scoring)
    item.scoring = it.scoring; // refused by checkItem where it does not apply
  else if (it.type === 'multiple' || it.type === 'match' || it.type === 'gap_match' || it.type === 'inline_choice')
    item.scoring = 'all_or_nothing';
  if (it.targets) item.targets = choices(it.targets, 'targets');
  if (it.cloze) {
    item.cloze = parseCloze(toText(it.cloze));
    // A gap match's places are the cloze's own: the file may leave them out.
    item.slots = it.slots
      ? it.slots.map((s, i) =>
          s.choices ? { id: s.id, choices: choices(s.choices, `slots[${i + 1}].choices`) } : { id: s.id },
        )
      : clozeSlots(item.cloze.fr).map((id) => ({ id }));
  } else if (it.slots) item.slots = it.slots.map((s) => ({ id: s.id })); // refused by checkItem
  if (it.entry) {
    const e = it.entry;
    const length = e.expected_length !== undefined ? { expectedLength: e.expected_length } : {};
    item.entry =
      e.kind === 'number'
        ? { kind: 'number', accepted: e.accepted, ...(e.tolerance ? { tolerance: e.tolerance } : {}), ...length }
        : {
            kind: 'text',
            accepted: e.accepted.map((a) => a.replace(/\s+/g, ' ').trim()),
            ...(e.case_sensitive ? { caseSensitive: true } : {}),
            ...(e.accent_sensitive ? { accentSensitive: true } : {}),
            ...length,
          };
  }
  if (it.weight !== undefined && it.weight !== 1) item.weight = it.weight;
  // Only the types whose choices a paper shuffles keep it: a hotspot, an order item (always shuffled), a text entry
  // and a true/false item have nothing it would change.
  if (it.shuffle === false && !['hotspot', 'order', 'text_entry', 'true_false'].includes(it.type)) item.shuffle = false;
  if (it.response_processing) item.rules = toRules(it.response_processing);
  if (it.title) item.title = toText(it.title);
  if (it.body) item.body = it.body.en ? { fr: it.body.fr, en: it.body.en } : { fr: it.body.fr };
  if (it.min_choices !== undefined) item.minChoices = it.min_choices;
  if (it.max_choices !== undefined) item.maxChoices = it.max_choices;
  if (it.image) {
    const image = toImage(it.image, readAsset, problems, label);
    if (image) item.image = image;
  }
  return item;
}

function toRules(p: ExamFileProcessing): ItemRules {
  const m = p.mapping;
  return {
    response: p.response,
    ...(m
      ? {
          mapping: {
            defaultValue: m.default_value,
            ...(m.lower_bound !== undefined ? { lowerBound: m.lower_bound } : {}),
            ...(m.upper_bound !== undefined ? { upperBound: m.upper_bound } : {}),
            entries: m.entries.map((e) => ({ key: e.key, value: e.value })),
          },
        }
      : {}),
    outcomes: p.outcomes.map((o) => ({
      id: o.id,
      baseType: o.base_type,
      cardinality: o.cardinality,
      ...(o.default ? { defaultValue: o.default } : {}),
    })),
    rules: p.rules.map(ruleNode),
  };
}

/** A rule node with its keys in the stored order (so two imports of the same rules compare equal). */
function ruleNode(n: RuleNode): RuleNode {
  return {
    op: n.op,
    ...(n.attrs ? { attrs: n.attrs } : {}),
    ...(n.args ? { args: n.args.map(ruleNode) } : {}),
    ...(n.text !== undefined ? { text: n.text } : {}),
  };
}

function toImage(
  img: ExamFileImage,
  readAsset: AssetReader,
  problems: ProblemList,
  label: string,
  field = 'image',
): ItemImage | null {
  const alt = img.alt === undefined ? undefined : toText(img.alt);
  if ('file' in img) {
    const mime = mimeOfFileName(img.file);
    if (!mime) {
      problems.add(
        {
          fr: `${q(img.file)} : seules les images SVG, PNG et JPEG sont acceptées.`,
          en: `${q(img.file)}: only SVG, PNG and JPEG images are accepted.`,
        },
        { item: label, field: `${field}.file` },
      );
      return null;
    }
    const bytes = readAsset(img.file);
    if (!bytes) {
      problems.add(
        { fr: `fichier manquant : ${q(img.file)}.`, en: `missing file: ${q(img.file)}.` },
        { item: label, field: `${field}.file` },
      );
      return null;
    }
    return { mime, data: bytes.toString('base64'), ...(alt ? { alt } : {}) };
  }
  const compact = img.data.replace(/\s+/g, '');
  const bytes = Buffer.from(compact, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || bytes.toString('base64') !== compact) {
    problems.add(
      { fr: `${field}.data n’est pas du base64 valide.`, en: `${field}.data is not valid base64.` },
      { item: label, field: `${field}.data` },
    );
    return null;
  }
  return { mime: img.mime, data: compact, ...(alt ? { alt } : {}) };
}
