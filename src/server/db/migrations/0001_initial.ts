import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { blobType, isPostgres, serialId } from '../dialect.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: they do not use the live table types */
export async function up(db: Kysely<any>): Promise<void> {
  const blob = blobType(db);
  const ts = 'text' as const;
  // Prefix search is a range scan on normalised text: PostgreSQL must order those columns byte-wise, as SQLite does.
  const byteOrder = (c: ColumnDefinitionBuilder) => (isPostgres(db) ? c.modifyFront(sql`collate "C"`) : c);

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('username_lower', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_lower', 'text', (c) => byteOrder(c.notNull().unique()))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('user_code', 'text', (c) => c.notNull().unique())
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('search_first', 'text', (c) => byteOrder(c))
    .addColumn('search_last', 'text', (c) => byteOrder(c))
    .addColumn('profile_picture', blob)
    .addColumn('profile_picture_type', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('notify_email', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('preferences_set_at', ts)
    .addColumn('membership_type', 'text')
    .addColumn('organisation', 'text')
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_search_last').on('users').columns(['search_last', 'search_first']).execute();
  await db.schema.createIndex('users_search_first').on('users').columns(['search_first', 'search_last']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('remember', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('service_point_id', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .execute();

  await serialId(db, db.schema.createTable('login_failures'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_user_at').on('login_failures').columns(['user_id', 'at']).execute();

  await db.schema
    .createTable('service_points')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('workstations')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('service_point_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('workstations_sp_name', ['service_point_id', 'name'])
    .execute();

  await db.schema
    .createTable('operator_service_points')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('service_point_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('operator_service_points_pk', ['user_id', 'service_point_id'])
    .execute();

  await db.schema
    .createTable('exams')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('current_version_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exam_versions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('passing_mark', 'integer', (c) => c.notNull())
    .addColumn('draw_count', 'integer')
    .addColumn('shuffle_items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('shuffle_choices', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('exam_versions_exam_version', ['exam_id', 'version'])
    .execute();

  await db.schema
    .createTable('trainings')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text')
    .addColumn('exam_id', 'text', (c) => c.references('exams.id'))
    .addColumn('validity_months', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('enrolments')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id'))
    .addColumn('service_point_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('enrolments_user_training', ['user_id', 'training_id'])
    .execute();
  await db.schema
    .createIndex('enrolments_sp_status')
    .on('enrolments')
    .columns(['service_point_id', 'status', 'user_id'])
    .execute();

  await db.schema
    .createTable('attempts')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.id'))
    .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id'))
    .addColumn('exam_version_id', 'text', (c) => c.notNull().references('exam_versions.id'))
    .addColumn('service_point_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('workstation_id', 'text', (c) => c.notNull().references('workstations.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('authorized_by', 'text', (c) => c.notNull())
    .addColumn('authorized_at', ts, (c) => c.notNull())
    .addColumn('authorized_for', 'text', (c) => c.notNull())
    .addColumn('cancelled_by', 'text')
    .addColumn('started_at', ts)
    .addColumn('deadline_at', ts)
    .addColumn('ended_at', ts)
    .addColumn('ended_by', 'text')
    .addColumn('items', 'text')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_answer_at', ts)
    .addColumn('last_heartbeat_at', ts)
    .addColumn('score_points', 'real')
    .addColumn('max_points', 'real')
    .addColumn('percentage', 'real')
    .addColumn('outcome', 'text')
    .execute();
  await db.schema.createIndex('attempts_sp_state').on('attempts').columns(['service_point_id', 'state']).execute();
  await db.schema.createIndex('attempts_state_deadline').on('attempts').columns(['state', 'deadline_at']).execute();
  await db.schema.createIndex('attempts_user').on('attempts').column('user_id').execute();
  // One open authorization (or running attempt) per learner and exam.
  await db.schema
    .createIndex('attempts_one_open')
    .on('attempts')
    .columns(['user_id', 'exam_id'])
    .unique()
    .where(sql.ref('state'), 'in', ['authorized', 'in_progress'])
    .execute();

  await db.schema
    .createTable('answers')
    .addColumn('attempt_id', 'text', (c) => c.notNull().references('attempts.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('saved_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('answers_pk', ['attempt_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('identity_checks')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('number_masked', 'text', (c) => c.notNull())
    .addColumn('number_hmac', 'text', (c) => c.notNull())
    .addColumn('date_of_birth_enc', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('override_reason', 'text')
    .addColumn('checked_by', 'text', (c) => c.notNull())
    .addColumn('service_point_id', 'text', (c) => c.notNull())
    .addColumn('checked_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('identity_checks_user')
    .on('identity_checks')
    .columns(['user_id', 'checked_at'])
    .execute();

  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('original_enc', blob)
    .addColumn('original_width', 'integer', (c) => c.notNull())
    .addColumn('original_height', 'integer', (c) => c.notNull())
    .addColumn('cropped_enc', blob)
    .addColumn('crop', 'text')
    .addColumn('checks', 'text')
    .addColumn('checklist', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('service_point_id', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('saved_at', ts)
    .addColumn('retain_until', ts)
    .execute();
  await db.schema.createIndex('photos_user').on('photos').column('user_id').unique().execute();

  await serialId(db, db.schema.createTable('audit_log'))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_user_id', 'text')
    .addColumn('service_point_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_user_id', 'id']).execute();

  await serialId(db, db.schema.createTable('events'))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('service_point_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_sp_id').on('events').columns(['service_point_id', 'id']).execute();

  await db.schema
    .createTable('cards')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('card_number', 'text', (c) => c.notNull().unique())
    .addColumn('attempt_id', 'text', (c) => c.notNull().unique().references('attempts.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id'))
    .addColumn('service_point_id', 'text', (c) => c.notNull())
    .addColumn('photo_id', 'text')
    .addColumn('issued_at', ts, (c) => c.notNull())
    .addColumn('success_date', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('reprint_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('printed_at', ts)
    .addColumn('revoked_at', ts)
    .addColumn('revoked_by', 'text')
    .addColumn('revoked_reason', 'text')
    .addColumn('download_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('verify_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('cards_user').on('cards').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'cards',
    'events',
    'audit_log',
    'photos',
    'identity_checks',
    'answers',
    'attempts',
    'enrolments',
    'trainings',
    'exam_versions',
    'exams',
    'operator_service_points',
    'workstations',
    'service_points',
    'login_failures',
    'password_resets',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
