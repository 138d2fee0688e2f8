import { useCallback, useEffect, useState } from 'react';
import type { DeskReply } from '../../../shared/api/desk';
import { get } from '../../api/client';

export function useDesk() {
  const [desk, setDesk] = useState<DeskReply | null>(null);
  const reload = useCallback(async () => setDesk(await get<DeskReply>('/api/desk')), []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const current = desk?.servicePoints.find((sp) => sp.id === desk.currentServicePointId) ?? null;
  return { desk, current, reload };
}
