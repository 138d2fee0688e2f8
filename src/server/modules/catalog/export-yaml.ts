import YAML from 'yaml';
import type { Choice, ItemImage, ItemRules, ItemType, LocalizedText, TextEntry } from '../../../shared/exam.js';
import type { ExamDefinition } from './exam-definition.js';
import { sectionsOut } from './file-sections.js';
import {
  EXAM_FORMAT,
  type ExamFile,
  type ExamFileChoice,
  type ExamFileImage,
  type ExamFileItem,
  type ExamFileProcessing,
  type ExamFileText,
} from './exam-file.schema.js';
import { clozeOut } from './items/cloze.js';

const text = (t: LocalizedText): ExamFileText => (t.en ? { fr: t.fr, en: t.en } : t.fr);

/** The exam in Vigie's own format, images inline (base64), so one file holds the whole exam. */
export function toExamFile(def: ExamDefinition): ExamFile {
  return {
    format: EXAM_FORMAT,
    code: def.code,
    title: text(def.title),
    duration_minutes: def.durationMinutes,
    passing_mark: def.passingMark,
    draw: def.drawCount ?? 'all',
    shuffle_items: def.shuffleItems,
    shuffle_choices: def.shuffleChoices,
    ...(def.content.sections ? { sections: sectionsOut(def.content.sections) } : {}),
    items: def.content.items.map((item) => {
      const base = {
        id: item.id,
        ...(item.title ? { title: text(item.title) } : {}),
        type: item.type,
        points: item.points,
        stem: text(item.stem),
        ...(item.body ? { body: item.body } : {}),
        ...(item.weight !== undefined ? { weight: item.weight } : {}),
        ...(item.image ? { image: imageOut(item.image) } : {}),
      };
      const own = item.rules ? { response_processing: processingOut(item.rules) } : {};
      if (item.type === 'true_false') return { ...base, correct: item.correct[0] === 'true', ...own };
      const single = item.type === 'single' || (item.type === 'hotspot' && item.correct.length === 1);
      return {
        ...base,
        ...(item.scoring || PAIRED_OR_MULTIPLE.has(item.type) ? { scoring: item.scoring ?? 'all_or_nothing' } : {}),
        ...(item.minChoices !== undefined ? { min_choices: item.minChoices } : {}),
        ...(item.maxChoices !== undefined ? { max_choices: item.maxChoices } : {}),
        ...(item.shuffle === false ? { shuffle: false } : {}),
        ...(item.choices.length ? { choices: item.choices.map(choiceOut) } : {}),
        ...(item.targets ? { targets: item.targets.map(choiceOut) } : {}),
        ...(item.cloze ? { cloze: text(clozeOut(item.cloze)) } : {}),
        // A gap match's places are the cloze's own: written only for an inline choice (with their options).
        ...(item.type === 'inline_choice' && item.slots
          ? { slots: item.slots.map((s) => ({ id: s.id, choices: (s.choices ?? []).map(choiceOut) })) }
          : {}),
        ...(item.entry ? { entry: entryOut(item.entry) } : {}),
        ...(item.type === 'text_entry' ? {} : { correct: single ? item.correct[0]! : item.correct }),
        ...own,
      };
    }),
  };
}

/** The types whose file says how they are scored (all_or_nothing or partial). */
const PAIRED_OR_MULTIPLE = new Set<ItemType>(['multiple', 'match', 'gap_match', 'inline_choice']);

function imageOut(i: ItemImage): ExamFileImage {
  return { mime: i.mime, data: i.data, ...(i.alt ? { alt: text(i.alt) } : {}) };
}

function choiceOut(c: Choice): ExamFileChoice {
  return {
    id: c.id,
    text: text(c.text),
    ...(c.fixed ? { fixed: true as const } : {}),
    ...(c.image ? { image: imageOut(c.image) } : {}),
    ...(c.area ? { area: { shape: c.area.shape, coords: c.area.coords } } : {}),
    ...(c.matchMax !== undefined ? { match_max: c.matchMax } : {}),
  };
}

function entryOut(e: TextEntry): NonNullable<ExamFileItem['entry']> {
  const length = e.expectedLength !== undefined ? { expected_length: e.expectedLength } : {};
  return e.kind === 'number'
    ? { kind: 'number', accepted: e.accepted, ...(e.tolerance ? { tolerance: e.tolerance } : {}), ...length }
    : {
        kind: 'text',
        accepted: e.accepted,
        ...(e.caseSensitive ? { case_sensitive: true } : {}),
        ...(e.accentSensitive ? { accent_sensitive: true } : {}),
        ...length,
      };
}

function processingOut(r: ItemRules): ExamFileProcessing {
  return {
    response: r.response,
    ...(r.mapping
      ? {
          mapping: {
            default_value: r.mapping.defaultValue,
            ...(r.mapping.lowerBound !== undefined ? { lower_bound: r.mapping.lowerBound } : {}),
            ...(r.mapping.upperBound !== undefined ? { upper_bound: r.mapping.upperBound } : {}),
            entries: r.mapping.entries,
          },
        }
      : {}),
    outcomes: r.outcomes.map((o) => ({
      id: o.id,
      base_type: o.baseType,
      cardinality: o.cardinality,
      ...(o.defaultValue ? { default: o.defaultValue } : {}),
    })),
    rules: r.rules,
  };
}

export function exportYaml(def: ExamDefinition): string {
  const header = `# Vigie exam ${def.code}: format described in docs/exam-format.md, schema in docs/exam.schema.json.\n`;
  // lineWidth 0: no folding, so base64 images and long texts stay on one line each.
  return header + YAML.stringify(toExamFile(def), { lineWidth: 0 });
}

export function exportJson(def: ExamDefinition): string {
  return `${JSON.stringify(toExamFile(def), null, 2)}\n`;
}
