import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import i18n from './i18n';
import { get, setUnauthorizedHandler } from './api/client';

export type Capability = 'account.self' | 'learning.self' | 'desk.use' | 'service_point.manage' | 'admin.manage';

export interface SessionUser {
  id: string;
  username: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  userCode: string;
  language: 'fr' | 'en';
  roles: string[];
  servicePoints: { id: string; name: string; timeZone: string }[];
  /** The service points this user manages (« Gestionnaire de point de service »). */
  managedServicePoints?: { id: string; name: string; timeZone: string }[];
}

export interface SessionState {
  user: SessionUser | null;
  capabilities: Capability[];
  servicePointId: string | null;
  demo: { password: string } | null;
  workstation?: { id: string; name: string; servicePointName: string } | null;
}

interface SessionContextValue extends SessionState {
  loaded: boolean;
  refresh: () => Promise<void>;
  can: (c: Capability) => boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ user: null, capabilities: [], servicePointId: null, demo: null });
  const [loaded, setLoaded] = useState(false);
  const refresh = useCallback(async () => {
    const s = await get<SessionState>('/api/session');
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
