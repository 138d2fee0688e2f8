import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useSession, type Capability } from '../session';

/** Shows its children only to a signed-in user holding the capability (the server checks again). */
export function Guard({ capability, children }: { capability: Capability; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (!session.loaded) return <p aria-busy="true">{t('loading')}</p>;
  if (!session.user)
    return <Navigate to={`/connexion?retour=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!session.can(capability)) {
    // Just signed in with someone else's return path (SignInPage): their home, not « Vous n'avez pas accès ».
    if ((location.state as { afterSignIn?: boolean } | null)?.afterSignIn) return <Navigate to="/" replace />;
    return <p className="alert alert-error">{t('forbidden')}</p>;
  }
  return <>{children}</>;
}
