import { z } from 'zod';
import { IDENTIFIER, IMAGE_TYPES, LIMITS } from './exam-definition.js';

/**
 * Vigie's own exam format (YAML or JSON), as read by the importer. docs/exam.schema.json is generated from
 * this schema (`npm run vigie -- exam schema`) and a test keeps the two identical. Rules that involve
 * several fields (the correct answer is one of the choices, …) are checked after, in exam-definition.ts.
 */
export const EXAM_FORMAT = 'vigie-exam/1';

const identifier = z.string().regex(IDENTIFIER);

const text = z
  .union([
    z.string().min(1),
    z.strictObject({
      fr: z.string().min(1).meta({ description: 'French text (required)' }),
      en: z.string().min(1).optional().meta({ description: 'English text (optional)' }),
    }),
  ])
  .meta({
    id: 'ExamText',
    description:
      'A text: a string (French only) or { fr, en }. Paragraphs are separated by a blank line; other white space is collapsed.',
  });

const image = z
  .union([
    z.strictObject({
      file: z.string().min(1).meta({ description: 'Path of an SVG, PNG or JPEG file, relative to the exam file' }),
      alt: text.optional().meta({ description: 'Alternative text for screen readers' }),
    }),
    z.strictObject({
      mime: z.enum(IMAGE_TYPES),
      data: z.string().min(1).meta({ description: 'The image, base64-encoded (what the export writes)' }),
      alt: text.optional().meta({ description: 'Alternative text for screen readers' }),
    }),
  ])
  .meta({
    id: 'ExamImage',
    description: `An image shown with the stem (${LIMITS.maxImageBytes / 1024 / 1024} MB at most)`,
  });

const area = z
  .strictObject({
    shape: z.enum(['circle', 'rect', 'poly']),
    coords: z.array(z.number()).min(3).max(200).meta({
      description:
        'In the image’s own pixels: circle [x, y, radius], rect [left, top, right, bottom], poly [x1, y1, x2, y2, …]',
    }),
  })
  .meta({ id: 'ExamHotspotArea', description: 'hotspot only: the area of the item’s image this choice is' });

const choice = z
  .strictObject({
    id: identifier.meta({ description: 'Identifier of the choice within its item, e.g. "a"' }),
    text: text.meta({ description: 'Its text; for a choice shown as an image, the image’s accessible name' }),
    fixed: z
      .literal(true)
      .optional()
      .meta({ description: 'Keeps its place when the choices are shuffled (e.g. « Aucune de ces réponses »)' }),
    image: image.optional().meta({ description: 'single, multiple, order, match: the choice shown as a picture' }),
    area: area.optional(),
    match_max: z.number().int().min(0).optional().meta({
      description: 'match, gap_match: how many times the choice may be used in a response (default 1; 0: no limit)',
    }),
  })
  .meta({ id: 'ExamChoice' });

const slot = z
  .strictObject({
    id: identifier.meta({ description: 'Identifier of the place, written {{id}} in the cloze' }),
    choices: z.array(choice).optional().meta({ description: 'inline_choice: the options offered in this place' }),
  })
  .meta({ id: 'ExamSlot' });

const entry = z
  .union([
    z.strictObject({
      kind: z.literal('number'),
      accepted: z.array(z.number()).min(1).meta({ description: 'The right numbers' }),
      tolerance: z.number().min(0).optional().meta({ description: 'Absolute tolerance (default 0)' }),
      expected_length: z.number().int().optional().meta({ description: 'Width of the field, in characters' }),
    }),
    z.strictObject({
      kind: z.literal('text'),
      accepted: z.array(z.string().min(1)).min(1).meta({ description: 'The right answers' }),
      case_sensitive: z.boolean().optional().meta({ description: 'Case counts (default false: ignored)' }),
      accent_sensitive: z.boolean().optional().meta({ description: 'Accents count (default false: ignored)' }),
      expected_length: z.number().int().optional().meta({ description: 'Width of the field, in characters' }),
    }),
  ])
  .meta({
    id: 'ExamTextEntry',
    description:
      'text_entry: a number (comma or point, spaces ignored, right within the tolerance) or a short text (right when equal after trimming and collapsing spaces; case and accents ignored unless said). Never sent to a learner.',
  });

/** A choice id, or a pair of ids separated by one space (match, gap_match, inline_choice). */
const keyPart = z
  .string()
  .regex(new RegExp(`^${IDENTIFIER.source.slice(1, -1)}(?: ${IDENTIFIER.source.slice(1, -1)})?$`));

type FileInline = string | { em: FileInline[] } | { strong: FileInline[] } | { br: true };

const richInline: z.ZodType<FileInline> = z
  .union([
    z.string(),
    z.strictObject({
      get em() {
        return z.array(richInline);
      },
    }),
    z.strictObject({
      get strong() {
        return z.array(richInline);
      },
    }),
    z.strictObject({ br: z.literal(true) }),
  ])
  .meta({ id: 'ExamRichInline', description: 'Text, { em: [...] }, { strong: [...] } or { br: true }' });

const inlines = z.array(richInline);

const richBlock = z
  .union([
    z.strictObject({ p: inlines }),
    z.strictObject({ ul: z.array(inlines) }),
    z.strictObject({ ol: z.array(inlines) }),
    z.strictObject({
      table: z.strictObject({ head: z.array(inlines).optional(), rows: z.array(z.array(inlines)) }),
    }),
  ])
  .meta({ id: 'ExamRichBlock', description: 'A paragraph, a list (items of inline content) or a table (cells)' });

const richText = z.strictObject({ fr: z.array(richBlock).min(1), en: z.array(richBlock).min(1).optional() }).meta({
  id: 'ExamRichText',
  description:
    'The stem with its structure (lists, tables, emphasis), shown to the learner instead of the stem’s paragraphs',
});

type FileRuleNode = { op: string; attrs?: Record<string, string>; args?: FileRuleNode[]; text?: string };

const ruleNode: z.ZodType<FileRuleNode> = z
  .strictObject({
    op: z.string().min(1).meta({ description: 'QTI 2.1 element name: responseCondition, setOutcomeValue, match, …' }),
    attrs: z.record(z.string(), z.string()).optional().meta({ description: 'Its attributes (QTI 2.1 names)' }),
    get args() {
      return z.array(ruleNode).optional().meta({ description: 'Its child rules or expressions, in order' });
    },
    text: z.string().optional().meta({ description: 'A baseValue’s value' }),
  })
  .meta({ id: 'ExamRuleNode' });

const responseProcessing = z
  .strictObject({
    response: identifier.meta({ description: 'The identifier the rules give the learner’s response (RESPONSE)' }),
    mapping: z
      .strictObject({
        default_value: z.number(),
        lower_bound: z.number().optional(),
        upper_bound: z.number().optional(),
        entries: z.array(z.strictObject({ key: z.string(), value: z.number() })),
      })
      .optional()
      .meta({ description: 'QTI mapping of the response for mapResponse' }),
    outcomes: z
      .array(
        z.strictObject({
          id: identifier,
          base_type: z.enum(['float', 'integer', 'identifier', 'boolean', 'string']),
          cardinality: z.enum(['single', 'multiple', 'ordered']),
          default: z.array(z.string()).optional(),
        }),
      )
      .meta({ description: 'Outcome variables, SCORE among them' }),
    rules: z.array(ruleNode).meta({ description: 'QTI response rules, in order' }),
  })
  .meta({
    id: 'ExamResponseProcessing',
    description:
      'The item’s own scoring (from a QTI package): after the rules, SCORE, kept within 0 and the points, is the score. Replaces « scoring ». See docs/scoring.md.',
  });

export const itemSchema = z
  .strictObject({
    id: identifier.meta({ description: 'Identifier of the item within the exam, e.g. "q01"' }),
    title: text.optional().meta({ description: 'The item’s own title (never shown to a learner)' }),
    type: z
      .enum([
        'single',
        'multiple',
        'true_false',
        'hotspot',
        'order',
        'match',
        'gap_match',
        'inline_choice',
        'text_entry',
      ])
      .meta({
        description:
          'single: one correct choice; multiple: one or more; true_false: the choices Vrai / Faux; hotspot: areas of the image; order: the choices put in order; match: choices paired with targets; gap_match: words placed in the cloze’s places; inline_choice: a list in each place of the cloze; text_entry: a typed answer',
      }),
    stem: text,
    body: richText.optional(),
    image: image.optional(),
    choices: z.array(choice).optional().meta({
      description:
        'The choices, in their reference order (not given for true_false, inline_choice, text_entry); hotspot: the areas; order: the steps; gap_match: the words',
    }),
    targets: z.array(choice).optional().meta({ description: 'match only: the second set (a meaning for each sign)' }),
    cloze: text.optional().meta({
      description: 'gap_match, inline_choice: the text to complete, each place written {{slot id}}',
    }),
    slots: z.array(slot).optional().meta({
      description: 'inline_choice: each place with its options; gap_match: optional, the places of the cloze',
    }),
    entry: entry.optional(),
    shuffle: z.boolean().optional().meta({
      description:
        'false: the choices keep their order even when the exam shuffles choices (an order item is always shuffled)',
    }),
    correct: z
      .union([identifier, z.array(keyPart).min(1), z.boolean()])
      .optional()
      .meta({
        description:
          'The key: a choice id (single, hotspot), a list of choice ids (multiple, hotspot), true or false (true_false), every step id in order (order), pairs "choice target" (match), "word slot" (gap_match), "slot choice" (inline_choice); not given for text_entry. Never sent to a learner.',
      }),
    points: z.number().gt(0).max(LIMITS.maxPoints).optional().meta({ description: 'Points of the item (default 1)' }),
    scoring: z.enum(['all_or_nothing', 'partial']).optional().meta({
      description:
        'multiple, match, gap_match, inline_choice. all_or_nothing (default): all points for exactly the right set (of choices or pairs); partial: points × max(0, (right − wrong) / number right)',
    }),
    min_choices: z
      .number()
      .int()
      .optional()
      .meta({ description: 'multiple, hotspot: fewest choices a response holds' }),
    max_choices: z.number().int().optional().meta({
      description:
        'multiple, hotspot: most choices a response holds (an answer with more is refused; hotspot default 1)',
    }),
    response_processing: responseProcessing.optional(),
    weight: z.number().gt(0).max(LIMITS.maxWeight).optional().meta({
      description: 'How many times the item counts in the exam: its score and its points are multiplied (default 1)',
    }),
  })
  .meta({ id: 'ExamItem' });

type FileSection = {
  id: string;
  title?: z.infer<typeof text>;
  select?: number;
  shuffle?: boolean;
  parts?: (string | FileSection)[];
  bank?: 'all' | string[];
};

const section: z.ZodType<FileSection> = z
  .strictObject({
    id: identifier.meta({ description: 'Identifier of the section, unique in the exam (items included)' }),
    title: text.optional().meta({ description: 'Title of the section (never shown to a learner today)' }),
    select: z.number().int().min(1).max(LIMITS.maxItems).optional().meta({
      description: 'How many of its parts each paper draws at random, without replacement (default: all)',
    }),
    shuffle: z
      .boolean()
      .optional()
      .meta({ description: 'Its parts in a random order for each attempt (default false)' }),
    get parts() {
      return z
        .array(z.union([identifier, section]))
        .optional()
        .meta({ description: 'Its parts in order: ids of items of this file, or sections' });
    },
    bank: z
      .union([z.literal('all'), z.array(identifier).min(1)])
      .optional()
      .meta({
        description:
          'Items of the training’s bank (the file’s « bank »): "all", or their ids; copied into the version at import. Instead of parts.',
      }),
  })
  .meta({ id: 'ExamSection' });

export const examFileSchema = z
  .strictObject({
    format: z.literal(EXAM_FORMAT).meta({ description: 'Format and version of this file' }),
    code: identifier.meta({
      description: 'Stable code of the exam. Importing a code that exists creates a new version of that exam.',
    }),
    title: text,
    duration_minutes: z
      .number()
      .int()
      .min(1)
      .max(LIMITS.maxDurationMinutes)
      .meta({ description: 'Time allowed, in minutes, counted by the server from « Commencer »' }),
    passing_mark: z.number().int().min(1).max(100).meta({
      description:
        'Passing mark, in whole percent from 1 (0 would pass an empty paper): « Réussite » when the percentage reaches it',
    }),
    draw: z
      .union([z.number().int().min(1).max(LIMITS.maxItems), z.literal('all')])
      .optional()
      .meta({ description: 'How many items each learner gets, drawn at random, or "all" (default)' }),
    shuffle_items: z
      .boolean()
      .optional()
      .meta({ description: 'Items in a random order for each attempt (default false)' }),
    shuffle_choices: z
      .boolean()
      .optional()
      .meta({ description: 'Choices in a random order for each attempt (default false)' }),
    bank: identifier.optional().meta({
      description: 'Code of the training whose item bank the sections draw from (see sections[].bank)',
    }),
    sections: z.array(section).min(1).optional().meta({
      description:
        'Sections, each drawing and ordering its parts; every item is in exactly one. Replaces draw and shuffle_items.',
    }),
    items: z.array(itemSchema).max(LIMITS.maxItems).optional().meta({
      description: 'The items (required unless every section draws from the bank)',
    }),
  })
  .meta({
    title: 'Vigie exam',
    description: 'An exam of Vigie: its settings and its items, with their keys. See docs/exam-format.md.',
  });

export type ExamFile = z.infer<typeof examFileSchema>;
export type ExamFileItem = z.infer<typeof itemSchema>;
export type ExamFileText = z.infer<typeof text>;
export type ExamFileProcessing = z.infer<typeof responseProcessing>;
export type ExamFileSection = FileSection;
export type ExamFileChoice = z.infer<typeof choice>;
export type ExamFileImage = z.infer<typeof image>;

/** The JSON Schema of the format, as committed in docs/exam.schema.json. */
export function examJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(examFileSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'https://vigie.example/schemas/exam.schema.json',
  };
}
