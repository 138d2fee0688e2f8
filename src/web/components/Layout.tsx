import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { post } from '../api/client';
import { useSession } from '../session';
import { IdleWarning } from './IdleWarning';

function initials(first: string | null, last: string | null, username: string) {
  const i = `${first?.[0] ?? ''}${last?.[0] ?? ''}`.toUpperCase();
  return i || username.slice(0, 2).toUpperCase();
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <button
      type="button"
      className="link-button lang-switch"
      lang={i18n.language === 'fr' ? 'en' : 'fr'}
      onClick={() => {
        const next = i18n.language === 'fr' ? 'en' : 'fr';
        sessionStorage.setItem('vigie-lang', next);
        void i18n.changeLanguage(next);
      }}
    >
      {t('language.switchTo')}
    </button>
  );
}

/** The menu that opens next to the profile picture (initials when none). */
function ProfileMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const [pictureOk, setPictureOk] = useState(true);
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', esc);
    };
  }, []);
  const user = session.user!;
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username;
  const signOut = async () => {
    setOpen(false);
    await post('/api/auth/sign-out');
    await session.refresh();
    await navigate('/connexion');
  };
  const item = (to: string, label: string) => (
    <li role="none">
      <Link role="menuitem" to={to} onClick={() => setOpen(false)}>
        {label}
      </Link>
    </li>
  );
  return (
    <div className="profile-menu" ref={ref}>
      <button
        type="button"
        className="avatar-button"
        aria-haspopup="menu"
        aria-expanded={open}
        // The name shown on the button starts its accessible name (WCAG 2.5.3: what is seen is what is said); the
        // initials and the arrow are drawn by CSS (data-initials, ::after), pictures rather than words to say.
        aria-label={`${name} — ${t('menu.open')}`}
        onClick={() => setOpen(!open)}
      >
        {pictureOk ? (
          <img
            className="avatar"
            src={`/api/account/profile/picture?u=${user.id}`}
            alt=""
            onError={() => setPictureOk(false)}
          />
        ) : (
          <span
            className="avatar avatar-initials"
            aria-hidden="true"
            data-initials={initials(user.firstName, user.lastName, user.username)}
          />
        )}
        <span className="avatar-name">{name}</span>
      </button>
      {open && (
        <ul className="menu" role="menu">
          {item('/formations', t('menu.myTrainings'))}
          {session.can('desk.use') && item('/point-de-service', t('menu.servicePoint'))}
          {session.can('service_point.manage') && item('/administration', t('menu.admin'))}
          <li role="separator" className="menu-sep" />
          {item('/compte', t('menu.overview'))}
          {item('/compte/mon-compte', t('menu.account'))}
          {item('/compte/mon-profil-public', t('menu.profile'))}
          {item('/compte/mes-preferences', t('menu.preferences'))}
          {item('/compte/mon-membership', t('menu.membership'))}
          <li role="separator" className="menu-sep" />
          <li role="none">
            <button role="menuitem" type="button" onClick={() => void signOut()}>
              {t('menu.signOut')}
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="6" fill="currentColor" />
            <path
              d="M8 9l8 15 8-15"
              stroke="white"
              strokeWidth="3.5"
              fill="none"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <span>{t('appName')}</span>
        </Link>
        <div className="header-right">
          <LanguageSwitch />
          {session.user && <ProfileMenu />}
        </div>
      </header>
      <main id="main" className="main">
        {children}
      </main>
      {session.can('desk.use') && <IdleWarning />}
    </>
  );
}
