import { useEffect, useState } from 'react';
import { ApiError, get } from '../../api/client';

/** The replies of /api/learning (see server/modules/catalog/catalog.schemas.ts). */
export interface Localized {
  fr: string;
  en?: string;
}

export type EnrolmentStatus = 'in_training' | 'exam_authorized' | 'exam_in_progress' | 'passed' | 'failed';

export interface TrainingSummary {
  id: string;
  code: string;
  title: Localized;
  status: EnrolmentStatus;
  servicePoint: { name: string; address: string; timeZone: string };
  /** The workstation of the exam authorized or in progress, if there is one. */
  workstation: string | null;
}

export interface TrainingPage extends TrainingSummary {
  description: Localized;
  exam: { title: Localized; durationMinutes: number; questionCount: number; passingMark: number } | null;
  results: {
    attemptId: string;
    date: string | null;
    state: 'submitted' | 'terminated' | 'expired';
    percentage: number | null;
    outcome: 'passed' | 'failed' | null;
  }[];
  openAttempt: { id: string; state: 'authorized' | 'in_progress' } | null;
}

/** The text in the interface's language, French when there is no English. */
export const pick = (t: Localized, lang: string) => (lang.startsWith('en') && t.en ? t.en : t.fr);

export const statusBadge: Record<EnrolmentStatus, string> = {
  in_training: 'badge-info',
  exam_authorized: 'badge-warn',
  exam_in_progress: 'badge-warn',
  passed: 'badge-ok',
  failed: 'badge-danger',
};

/** GETs a URL once; `error` holds the ApiError (e.g. 404) when it fails. */
export function useGet<T>(url: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    get<T>(url).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e))),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return { data, error };
}
