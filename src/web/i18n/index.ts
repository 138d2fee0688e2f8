import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import accounts from './accounts';
import admin from './admin';
import adminOrg from './admin-org';
import adminCatalog from './admin-catalog';
import adminExams from './admin-exams';
import cards from './cards';
import care from './care';
import common from './common';
import desk from './desk';
import exam from './exam';
import identity from './identity';
import learning from './learning';
import monitoring from './monitoring';
import photo from './photo';
import photoChecks from './photoChecks';

/**
 * One namespace per area, each a file `{ fr, en }` beside this one. French is the default;
 * labels in « » in DOMAIN.md are reproduced exactly.
 */
const namespaces = {
  common,
  accounts,
  learning,
  desk,
  identity,
  photo,
  photoChecks,
  exam,
  admin,
  adminOrg,
  cards,
  monitoring,
  adminCatalog,
  adminExams,
  care,
};

type Ns = keyof typeof namespaces;
const resources = {
  fr: Object.fromEntries(Object.entries(namespaces).map(([k, v]) => [k, v.fr])) as Record<Ns, object>,
  en: Object.fromEntries(Object.entries(namespaces).map(([k, v]) => [k, v.en])) as Record<Ns, object>,
};

const stored = typeof sessionStorage !== 'undefined' ? sessionStorage.getItem('vigie-lang') : null;

void i18n.use(initReactI18next).init({
  resources,
  lng: stored === 'en' ? 'en' : 'fr',
  fallbackLng: 'fr',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

export default i18n;
