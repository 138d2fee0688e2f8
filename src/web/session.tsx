import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import i18n from './i18n';
import type { SessionReply } from '../shared/api/accounts';
import { get, setUnauthorizedHandler } from './api/client';

export type Capability = SessionReply['capabilities'][number];

interface SessionContextValue extends SessionReply {
  loaded: boolean;
  refresh: () => Promise<void>;
  can: (c: Capability) => boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionReply>({
    csrfToken: '',
    user: null,
    capabilities: [],
    servicePointId: null,
    demo: null,
    workstation: null,
  });
  const [loaded, setLoaded] = useState(false);
  const refresh = useCallback(async () => {
    const s = await get<SessionReply>('/api/session');
    setState(s);
    if (s.user && s.user.language !== i18n.language && !sessionStorage.getItem('vigie-lang'))
      await i18n.changeLanguage(s.user.language);
    setLoaded(true);
  }, []);
  useEffect(() => {
    void refresh();
    setUnauthorizedHandler(() => void refresh());
  }, [refresh]);
  const can = useCallback((c: Capability) => state.capabilities.includes(c), [state.capabilities]);
  return <SessionContext.Provider value={{ ...state, loaded, refresh, can }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
