import type { Database } from './schema.js';

/**
 * Who writes each table: the module (a folder of src/server/modules) whose repos alone insert, update or delete
 * its rows. Other modules read it in their repos (joins) and change it by calling the owner's service.
 * `src/server/db/table-ownership.test.ts` enforces it; a table added to `Database` without an owner fails to
 * compile here.
 */
export const TABLE_OWNERS = {
  users: 'accounts',
  sessions: 'accounts',
  password_resets: 'accounts',
  login_failures: 'accounts',
  email_search_keys: 'accounts',
  service_points: 'service-points',
  manager_service_points: 'service-points',
  workstations: 'service-points',
  operator_service_points: 'service-points',
  trainings: 'catalog',
  enrolments: 'catalog',
  training_service_points: 'catalog',
  exams: 'catalog',
  exam_versions: 'catalog',
  bank_items: 'catalog',
  attempts: 'attempts',
  answers: 'attempts',
  identity_checks: 'identity',
  photos: 'photos',
  audit_log: 'audit',
  // Created by 0001 for the live screens' event log; nothing writes it today (events travel in memory and by
  // LISTEN/NOTIFY). The live screens are monitoring's.
  events: 'monitoring',
  cards: 'cards',
  instance_heartbeats: 'system',
  accommodations: 'desk',
  irregularities: 'desk',
} as const satisfies Record<keyof Database, string>;

export type Table = keyof typeof TABLE_OWNERS;
