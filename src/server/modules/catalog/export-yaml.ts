import YAML from 'yaml';
import type { LocalizedText } from '../../../shared/exam.js';
import type { ExamDefinition } from './exam-definition.js';
import { EXAM_FORMAT, type ExamFile, type ExamFileText } from './exam-file.schema.js';

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
    items: def.content.items.map((item) => {
      const base = {
        id: item.id,
        type: item.type,
        points: item.points,
        stem: text(item.stem),
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
      if (item.type === 'true_false') return { ...base, correct: item.correct[0] === 'true' };
      return {
        ...base,
        ...(item.type === 'multiple' ? { scoring: item.scoring ?? 'all_or_nothing' } : {}),
        choices: item.choices.map((c) => ({ id: c.id, text: text(c.text) })),
        correct: item.type === 'single' ? item.correct[0]! : item.correct,
      };
    }),
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
