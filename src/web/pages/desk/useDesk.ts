import { useCallback, useEffect, useState } from 'react';
import { get } from '../../api/client';

export interface DeskState {
  servicePoints: { id: string; name: string; timeZone: string }[];
  currentServicePointId: string | null;
  workstations: { id: string; name: string }[];
  thisBrowserWorkstationId: string | null;
}

export function useDesk() {
  const [desk, setDesk] = useState<DeskState | null>(null);
  const reload = useCallback(async () => setDesk(await get<DeskState>('/api/desk')), []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const current = desk?.servicePoints.find((sp) => sp.id === desk.currentServicePointId) ?? null;
  return { desk, current, reload };
}
