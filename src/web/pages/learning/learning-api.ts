import { useEffect, useState } from 'react';
import type { EndedState, OpenState } from '../../../shared/attempt-states';
import { ApiError, get } from '../../api/client';
import { errorMessage } from '../../api/errorMessage';
import type { LocalizedText } from '../../i18n/localized';

/** The replies of /api/learning (see server/modules/catalog/catalog.schemas.ts). */
export type EnrolmentStatus = 'in_training' | 'exam_authorized' | 'exam_in_progress' | 'passed' | 'failed';

export interface TrainingSummary {
  id: string;
  code: string;
  title: LocalizedText;
  status: EnrolmentStatus;
  servicePoint: { name: string; address: string; timeZone: string };
  /** The workstation of the exam authorized or in progress, if there is one. */
  workstation: string | null;
}

export interface TrainingPage extends TrainingSummary {
  description: LocalizedText;
  exam: { title: LocalizedText; durationMinutes: number; questionCount: number; passingMark: number } | null;
  results: {
    attemptId: string;
    date: string | null;
    state: EndedState;
    percentage: number | null;
    outcome: 'passed' | 'failed' | null;
  }[];
  openAttempt: { id: string; state: OpenState } | null;
}

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
      (e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'internal', errorMessage(e))),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return { data, error };
}
