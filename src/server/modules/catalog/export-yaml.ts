import YAML from 'yaml';
import type { ItemRules, LocalizedText } from '../../../shared/exam.js';
import type { ExamDefinition } from './exam-definition.js';
import { sectionsOut } from './file-sections.js';
import { EXAM_FORMAT, type ExamFile, type ExamFileProcessing, type ExamFileText } from './exam-file.schema.js';

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
        ...(item.shuffle === false ? { shuffle: false as const } : {}),
        ...(item.image
          ? {
              image: {
                mime: item.image.mime,
                data: item.image.data,
                ...(item.image.alt ? { alt: text(item.image.alt) } : {}),
              },
            }
          : {}),
      };
      const own = item.rules ? { response_processing: processingOut(item.rules) } : {};
      if (item.type === 'true_false') return { ...base, correct: item.correct[0] === 'true', ...own };
      return {
        ...base,
        ...(item.type === 'multiple' ? { scoring: item.scoring ?? 'all_or_nothing' } : {}),
        ...(item.minChoices !== undefined ? { min_choices: item.minChoices } : {}),
        ...(item.maxChoices !== undefined ? { max_choices: item.maxChoices } : {}),
        choices: item.choices.map((c) => ({
          id: c.id,
          text: text(c.text),
          ...(c.fixed ? { fixed: true as const } : {}),
        })),
        correct: item.type === 'single' ? item.correct[0]! : item.correct,
        ...own,
      };
    }),
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
