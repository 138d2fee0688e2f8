/**
 * The closed set of domain errors. Each code has one HTTP status (server/http/errors.ts)
 * and one message per language (web/i18n). The API answers { error: { code, message, field?, requestId? } }.
 */
export const errorCodes = {
  validation: 400,
  bad_credentials: 401,
  not_signed_in: 401,
  session_expired: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  username_taken: 409,
  email_taken: 409,
  step_out_of_order: 409,
  weak_password: 400,
  reset_link_invalid: 400,
  invalid_image: 400,
  image_truncated: 400,
  image_too_many_pixels: 400,
  image_too_small: 400,
  file_too_large: 413,
  rate_limited: 429,
  identity_invalid: 400,
  identity_override_required: 409,
  identity_warnings: 409,
  identity_missing: 409,
  photo_missing: 409,
  photo_already_saved: 409,
  photo_not_cropped: 409,
  photo_crop_invalid: 400,
  photo_checklist_incomplete: 400,
  photo_override_required: 409,
  not_enrolled: 409,
  already_authorized: 409,
  attempt_not_cancellable: 409,
  attempt_not_open: 409,
  attempt_ended: 409,
  deadline_passed: 409,
  stale_sequence: 409,
  workstation_required: 403,
  import_invalid: 400,
  unknown_exam: 400,
  unknown_training: 400,
  unknown_learner: 400,
  unknown_service_point: 400,
  already_enrolled: 409,
  training_code_taken: 409,
  service_point_required: 409,
  card_number_invalid: 400,
  card_unknown: 404,
  card_awaiting_photo: 409,
  card_revoked: 409,
  card_not_printable: 409,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; field?: string; requestId?: string; details?: unknown };
}
