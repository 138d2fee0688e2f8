import type { AppContext } from '../../context.js';
import type { PhotoView } from '../../../shared/api/photos.js';
import { newId } from '../../crypto.js';
import { DomainError, notFound } from '../../errors.js';
import type { Lang } from '../../http/messages.js';
import { photoFileName } from '../../../shared/text.js';
import * as audit from '../audit/audit.service.js';
import {
  analyzePhoto,
  criteriaSentence,
  failedCriteria,
  type PhotoChecksRecord,
} from '../photo-checks/photo-checks.service.js';
import { photoDecodes } from './decode-gate.js';
import { cropProblem, normalizeUpload, renderCrop, type CropProblem, type CropRect } from './image.js';
import * as repo from './photos.repo.js';
import { retentionEnd } from './saved-photos.js';
import { CHECKLIST_ITEMS, type Checklist, type ChecklistItem, type PhotoVariant } from './photos.schemas.js';

/** Who acts, where, from which address. Administrators act from no service point. */
export interface PhotoActor {
  actorId: string;
  servicePointId: string | null;
  ip: string | null;
}

const checklistLabels: Record<ChecklistItem, { fr: string; en: string }> = {
  whiteBackground: { fr: 'arrière-plan blanc uni', en: 'plain white background' },
  noHeadwear: { fr: 'ni casquette ni chapeau', en: 'no cap or hat' },
  noSunglasses: { fr: 'ni lunettes de soleil ni verres teintés', en: 'no sunglasses or tinted glasses' },
  eyesOpen: { fr: 'yeux ouverts', en: 'eyes open' },
  faceCentred: { fr: 'visage centré', en: 'face centred' },
};

const cropReasons: Record<CropProblem, { fr: string; en: string }> = {
  outside: {
    fr: 'le rectangle sort de la photo. Recadrez à l’intérieur, ou reprenez la photo en reculant la personne.',
    en: 'the rectangle goes outside the photo. Crop inside it, or take the photo again with the person further back.',
  },
  ratio: {
    fr: 'le rectangle doit être un portrait 35:45 (35 mm de large sur 45 mm de haut).',
    en: 'the rectangle must be a 35:45 portrait (35 mm wide by 45 mm high).',
  },
  too_small: {
    fr: 'le rectangle est trop petit pour une photo nette ; prenez la photo de plus près.',
    en: 'the rectangle is too small for a sharp photo; take the photo from closer.',
  },
};

/** The photo as the desk sees it: the reply's own type (src/shared/api/photos.ts). */
export type { PhotoView };

/** The learner's photo, without its pictures (reading those is audited, see readPhotoImage). */
export async function photoView(ctx: AppContext, learnerId: string): Promise<PhotoView | null> {
  const row = await repo.photoOf(ctx.db, learnerId);
  if (!row) return null;
  return {
    id: row.id,
    state: row.state,
    fileName: row.file_name,
    width: row.original_width,
    height: row.original_height,
    crop: row.crop ? (JSON.parse(row.crop) as CropRect) : null,
    hasOriginal: Boolean(row.has_original),
    hasPreview: row.state === 'uploaded' && Boolean(row.has_cropped),
    checklist: row.checklist ? (JSON.parse(row.checklist) as Checklist) : null,
    checks: row.checks ? (JSON.parse(row.checks) as PhotoChecksRecord) : null,
    overrideReason: row.override_reason,
    uploadedAt: row.created_at,
    uploadedBy: {
      id: row.uploaded_by,
      name: [row.uploader_first_name, row.uploader_last_name].filter(Boolean).join(' '),
    },
    savedAt: row.saved_at,
    retainUntil: row.retain_until,
  };
}

/**
 * The automatic check of a picture (with `rect`, of that crop). The check helps the operator and never stops the
 * work: if the checker fails, the photo goes on without verdicts (the operator's checklist still applies).
 */
async function checkPicture(ctx: AppContext, jpeg: Buffer, rect?: CropRect) {
  try {
    return await analyzePhoto(ctx, jpeg, rect);
  } catch (err) {
    ctx.log.error({ err }, 'photo check failed');
    return null;
  }
}

function actorFields(actor: PhotoActor, learnerId: string) {
  return { actorId: actor.actorId, subjectUserId: learnerId, servicePointId: actor.servicePointId, ip: actor.ip };
}

/**
 * « Transférer »: checks the file is a whole JPEG or PNG, orients it, strips its metadata and stores it
 * encrypted, named LastnameFirstname. Replaces an unsaved upload; a saved photo must be removed first.
 */
export async function uploadPhoto(
  ctx: AppContext,
  actor: PhotoActor & { servicePointId: string },
  learnerId: string,
  data: Buffer,
): Promise<PhotoView> {
  const learner = await repo.learnerName(ctx.db, learnerId);
  if (!learner) throw notFound();
  // Before any decoding: a saved photo refuses the upload whatever the file (checked again on writing).
  if ((await repo.photoOf(ctx.db, learnerId))?.state === 'saved') throw new DomainError('photo_already_saved');
  const { picture, analysis } = await photoDecodes.run(actor.actorId, async () => {
    const picture = await normalizeUpload(data);
    // On the stored picture (oriented as displayed), so that the proposed crop is in the crop tool's pixels.
    return { picture, analysis: await checkPicture(ctx, picture.jpeg) };
  });
  const checks: PhotoChecksRecord = {
    upload: analysis && {
      verdicts: analysis.verdicts,
      proposedCrop: analysis.proposedCrop,
      cropProblem: analysis.cropProblem,
      checkedAt: ctx.now().toISOString(),
    },
    crop: null,
  };
  const fileName = photoFileName(learner.last_name ?? '', learner.first_name ?? '') || `Apprenant${learner.user_code}`;
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.photoOf(trx, learnerId);
    if (existing?.state === 'saved') throw new DomainError('photo_already_saved');
    if (existing) {
      await repo.deletePhoto(trx, existing.id);
      await audit.record(ctx, trx, {
        action: 'photo.removed',
        ...actorFields(actor, learnerId),
        payload: { photoId: existing.id },
      });
    }
    await repo.insertPhoto(trx, {
      id,
      user_id: learnerId,
      state: 'uploaded',
      file_name: fileName,
      original_enc: ctx.secrets.encrypt(picture.jpeg),
      original_width: picture.width,
      original_height: picture.height,
      cropped_enc: null,
      crop: null,
      checks: JSON.stringify(checks),
      checklist: null,
      override_reason: null,
      uploaded_by: actor.actorId,
      service_point_id: actor.servicePointId,
      created_at: ctx.now().toISOString(),
      saved_at: null,
      retain_until: null,
    });
    await audit.record(ctx, trx, {
      action: 'photo.uploaded',
      ...actorFields(actor, learnerId),
      payload: { photoId: id, fileName },
    });
  });
  return (await photoView(ctx, learnerId))!;
}

/** The unsaved photo with its original, or the reason it cannot be worked on. */
async function unsavedPhoto(ctx: AppContext, learnerId: string) {
  const row = await repo.photoWithImages(ctx.db, learnerId);
  if (!row) throw notFound();
  if (row.state === 'saved' || !row.original_enc) throw new DomainError('photo_already_saved');
  return { ...row, original: ctx.secrets.decrypt(row.original_enc) };
}

function checkCrop(rect: CropRect, picture: { original_width: number; original_height: number }, lang: Lang) {
  const problem = cropProblem(rect, { width: picture.original_width, height: picture.original_height });
  if (problem)
    throw new DomainError('photo_crop_invalid', {
      field: 'crop',
      params: { reason: cropReasons[problem][lang] },
      details: { problem },
    });
}

/** The crop tool (and « Recadrer la photo »): a 35:45 rectangle of the original, rendered as a preview. */
export async function cropPhoto(
  ctx: AppContext,
  actor: PhotoActor,
  learnerId: string,
  rect: CropRect,
  lang: Lang,
): Promise<PhotoView> {
  const photo = await unsavedPhoto(ctx, learnerId);
  checkCrop(rect, photo, lang);
  const preview = await photoDecodes.run(actor.actorId, () => renderCrop(photo.original, rect));
  // Checked again on the crop: centring and head size now, on what will be saved.
  const analysis = await checkPicture(ctx, photo.original, rect);
  const previous = photo.checks ? (JSON.parse(photo.checks) as PhotoChecksRecord) : { upload: null, crop: null };
  const checks: PhotoChecksRecord = {
    upload: previous.upload,
    crop: analysis && { rect, verdicts: analysis.verdicts, checkedAt: ctx.now().toISOString() },
  };
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateUnsaved(trx, photo.id, {
      crop: JSON.stringify(rect),
      cropped_enc: ctx.secrets.encrypt(preview),
      checks: JSON.stringify(checks),
    });
    if (!ok) throw new DomainError('photo_already_saved');
    await audit.record(ctx, trx, {
      action: 'photo.cropped',
      ...actorFields(actor, learnerId),
      payload: { photoId: photo.id },
    });
  });
  return (await photoView(ctx, learnerId))!;
}

/**
 * « Enregistrer »: once the operator ticked every item of the checklist, renders the final 413 × 531 JPEG
 * from the original and the crop, and destroys the original. The photo is kept until its retention date.
 * When the automatic check of the crop failed a criterion, the operator decides: saving then needs a reason
 * (chosen from a short list or written), stored with the photo and recorded in the audit log.
 */
export async function savePhoto(
  ctx: AppContext,
  actor: PhotoActor,
  learnerId: string,
  checklist: Checklist,
  lang: Lang,
  overrideReason?: string,
): Promise<PhotoView> {
  const photo = await unsavedPhoto(ctx, learnerId);
  const missing = CHECKLIST_ITEMS.filter((k) => !checklist[k]);
  if (missing.length > 0)
    throw new DomainError('photo_checklist_incomplete', {
      field: 'checklist',
      params: { missing: missing.map((k) => checklistLabels[k][lang]).join(', ') },
      details: { missing },
    });
  if (!photo.crop) throw new DomainError('photo_not_cropped');
  const rect = JSON.parse(photo.crop) as CropRect;
  checkCrop(rect, photo, lang);
  const checks = photo.checks ? (JSON.parse(photo.checks) as PhotoChecksRecord) : null;
  const failed = checks?.crop ? failedCriteria(checks.crop.verdicts) : [];
  const reason = overrideReason?.trim() || null;
  if (failed.length > 0 && !reason)
    throw new DomainError('photo_override_required', {
      field: 'overrideReason',
      params: { failed: criteriaSentence(failed, lang) },
      details: { failed },
    });
  const final = await photoDecodes.run(actor.actorId, () => renderCrop(photo.original, rect));
  const now = ctx.now();
  const retainUntil = retentionEnd(ctx, now);
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateUnsaved(trx, photo.id, {
      state: 'saved',
      cropped_enc: ctx.secrets.encrypt(final),
      original_enc: null,
      checklist: JSON.stringify(checklist),
      override_reason: failed.length > 0 ? reason : null,
      saved_at: now.toISOString(),
      retain_until: retainUntil,
    });
    if (!ok) throw new DomainError('photo_already_saved');
    await audit.record(ctx, trx, {
      action: 'photo.saved',
      ...actorFields(actor, learnerId),
      payload: {
        photoId: photo.id,
        retainUntil,
        ...(failed.length > 0 ? { failedChecks: failed, overrideReason: reason } : {}),
      },
    });
    // Whoever reacts to a saved photo (wiring.ts: a card waiting for it is issued now), in this transaction.
    await ctx.hooks.photoSaved.run(ctx, trx, { learnerId, photoId: photo.id });
  });
  return (await photoView(ctx, learnerId))!;
}

/** « Retirer »: deletes the photo, whatever its state, to start again. */
export async function removePhoto(ctx: AppContext, actor: PhotoActor, learnerId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.photoOf(trx, learnerId);
    if (!row || !(await repo.deletePhoto(trx, row.id))) throw notFound();
    await audit.record(ctx, trx, {
      action: 'photo.removed',
      ...actorFields(actor, learnerId),
      payload: { photoId: row.id },
    });
  });
}

/**
 * One picture of the learner's photo: the original (until saved), the crop preview (until saved) or the
 * final photo. Every read is recorded in the audit log before the picture leaves the server.
 */
export async function readPhotoImage(
  ctx: AppContext,
  actor: PhotoActor,
  learnerId: string,
  variant: PhotoVariant,
): Promise<{ jpeg: Buffer; fileName: string }> {
  const row = await repo.photoWithImages(ctx.db, learnerId);
  if (!row) throw notFound();
  let sealed: Uint8Array | null = null;
  switch (variant) {
    case 'original':
      sealed = row.original_enc;
      break;
    case 'preview':
      sealed = row.state === 'uploaded' ? row.cropped_enc : null;
      break;
    case 'final':
      sealed = row.state === 'saved' ? row.cropped_enc : null;
      break;
  }
  if (!sealed) throw notFound();
  const jpeg = ctx.secrets.decrypt(sealed);
  await audit.recordAlone(ctx, {
    action: 'photo.viewed',
    ...actorFields(actor, learnerId),
    payload: { photoId: row.id, variant },
  });
  return { jpeg, fileName: row.file_name };
}
