/**
 * The largest picture an ID-photo upload may decode to, in megapixels: the server refuses more from the file's
 * header, before decoding (server/modules/photos/image.ts says why 24); the page says it next to « Parcourir ».
 */
export const MAX_UPLOAD_MEGAPIXELS = 24;
