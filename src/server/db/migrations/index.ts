import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0003 from './0003_identity_photo_indexes.js';
import * as m0005 from './0005_cards_issuing.js';
import * as m0007 from './0007_desk_search_indexes.js';
import * as m0008 from './0008_monitoring_day_index.js';
import * as m0009 from './0009_attempt_progress_from_answers.js';
import * as m0020 from './0020_instance_heartbeats.js';
import * as m0023 from './0023_accounts_hardening.js';
import * as m0024 from './0024_identity_mask_last_two.js';
import * as m0025 from './0025_desk_search_compact.js';
import * as m0035 from './0035_service_point_administration.js';
import * as m0040 from './0040_catalog_admin.js';
import * as m0045 from './0045_attempt_pauses.js';
import * as m0110 from './0110_exam_version_states.js';
import * as m0120 from './0120_desk_care.js';
import * as m0150 from './0150_item_banks.js';
import * as m0160 from './0160_enrolments_sp_training.js';
import * as m0170 from './0170_one_published_version.js';
import * as m0220 from './0220_attempt_added_minutes.js';

/** Every migration, in order. A new one is added here by name; names never change once released. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0003_identity_photo_indexes': m0003,
  '0005_cards_issuing': m0005,
  '0007_desk_search_indexes': m0007,
  '0008_monitoring_day_index': m0008,
  '0009_attempt_progress_from_answers': m0009,
  '0020_instance_heartbeats': m0020,
  '0023_accounts_hardening': m0023,
  '0024_identity_mask_last_two': m0024,
  '0025_desk_search_compact': m0025,
  '0035_service_point_administration': m0035,
  '0040_catalog_admin': m0040,
  '0045_attempt_pauses': m0045,
  '0110_exam_version_states': m0110,
  '0120_desk_care': m0120,
  '0150_item_banks': m0150,
  '0160_enrolments_sp_training': m0160,
  '0170_one_published_version': m0170,
  '0220_attempt_added_minutes': m0220,
};
