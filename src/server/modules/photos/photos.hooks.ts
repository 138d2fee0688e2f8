import { TxHooks } from '../../hooks.js';

export interface SavedPhoto {
  learnerId: string;
  photoId: string;
}

/** What other modules may react to in a photo's life; registered in src/server/wiring.ts. */
export interface PhotosHooks {
  /** A learner's final photo is saved: run inside the save's transaction, after its audit row. */
  photoSaved: TxHooks<SavedPhoto>;
}

export const photosHooks = (): PhotosHooks => ({ photoSaved: new TxHooks() });
