import { useEffect, useState } from 'react';
import { get } from '../../../api/client';
import { errorMessage } from '../../../api/errorMessage';

/**
 * Fetches a picture only its viewers may see (each read is audited on the server) and gives an object URL
 * for <img>; released when the key changes or the component goes away.
 */
export function useProtectedImage(url: string | null): { src: string | null; error: string | null } {
  const [state, setState] = useState<{ src: string | null; error: string | null }>({ src: null, error: null });
  useEffect(() => {
    if (!url) {
      setState({ src: null, error: null });
      return;
    }
    let objectUrl: string | null = null;
    let cancelled = false;
    setState({ src: null, error: null });
    get<Blob>(url)
      .then((blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setState({ src: objectUrl, error: null });
      })
      .catch((err: unknown) => {
        if (!cancelled) setState({ src: null, error: errorMessage(err) });
      });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  return state;
}
