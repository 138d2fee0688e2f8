import { useEffect, useState } from 'react';
import type { TrainingSummary } from '../../../shared/api/catalog';
import { ApiError, get } from '../../api/client';
import { errorMessage } from '../../api/errorMessage';

/** The badge of each enrolment status (the replies of /api/learning: src/shared/api/catalog.ts). */
export const statusBadge: Record<TrainingSummary['status'], string> = {
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
