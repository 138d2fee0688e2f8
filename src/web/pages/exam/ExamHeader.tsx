import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/Layout';

/** The exam's focused header: the brand, what the page says of itself (its workstation), the language while idle. */
export function ExamHeader({ children, languageSwitch }: { children?: ReactNode; languageSwitch: boolean }) {
  const { t: tc } = useTranslation();
  return (
    <header className="exam-header">
      <span className="brand">
        <svg width="24" height="24" viewBox="0 0 32 32" aria-hidden="true">
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
        <span>{tc('appName')}</span>
      </span>
      {children}
      {languageSwitch && <LanguageSwitch />}
    </header>
  );
}
