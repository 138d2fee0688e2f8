import type { RouteObject } from 'react-router';
import { Guard } from '../components/Guard';
import { AccountPage } from '../pages/account/AccountPage';
import { ForgotPage } from '../pages/account/ForgotPage';
import { AccountStepPage } from '../pages/account/AccountStepPage';
import { MembershipStepPage } from '../pages/account/MembershipStepPage';
import { PreferencesStepPage } from '../pages/account/PreferencesStepPage';
import { ProfileStepPage } from '../pages/account/ProfileStepPage';
import { ResetPage } from '../pages/account/ResetPage';
import { SignInPage } from '../pages/account/SignInPage';

export const accountRoutes: RouteObject[] = [
  { path: '/connexion', element: <SignInPage /> },
  { path: '/inscription', element: <AccountStepPage /> },
  { path: '/mot-de-passe-oublie', element: <ForgotPage /> },
  { path: '/reinitialiser', element: <ResetPage /> },
  {
    path: '/compte',
    element: (
      <Guard capability="account.self">
        <AccountPage />
      </Guard>
    ),
  },
  {
    path: '/compte/mon-compte',
    element: (
      <Guard capability="account.self">
        <AccountStepPage />
      </Guard>
    ),
  },
  {
    path: '/compte/mon-profil-public',
    element: (
      <Guard capability="account.self">
        <ProfileStepPage />
      </Guard>
    ),
  },
  {
    path: '/compte/mes-preferences',
    element: (
      <Guard capability="account.self">
        <PreferencesStepPage />
      </Guard>
    ),
  },
  {
    path: '/compte/mon-membership',
    element: (
      <Guard capability="account.self">
        <MembershipStepPage />
      </Guard>
    ),
  },
];
