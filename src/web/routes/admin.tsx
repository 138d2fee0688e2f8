import type { RouteObject } from 'react-router';
import { Guard } from '../components/Guard';
import { AdminHomePage } from '../pages/admin/AdminHomePage';
import { CardsAdminPage } from '../pages/admin/CardsAdminPage';
import { AuditLogPage } from '../pages/admin/AuditLogPage';
import { EnrolmentsAdminPage } from '../pages/admin/EnrolmentsAdminPage';
import { TrainingFormPage } from '../pages/admin/TrainingFormPage';
import { TrainingsAdminPage } from '../pages/admin/TrainingsAdminPage';

export const adminRoutes: RouteObject[] = [
  {
    path: '/administration',
    element: (
      <Guard capability="admin.manage">
        <AdminHomePage />
      </Guard>
    ),
  },
  {
    path: '/administration/cartes',
    element: (
      <Guard capability="admin.manage">
        <CardsAdminPage />
      </Guard>
    ),
  },
  // « Formations », « Inscriptions », « Journal d'audit » (issue 16, catalog side).
  {
    path: '/administration/formations',
    element: (
      <Guard capability="admin.manage">
        <TrainingsAdminPage />
      </Guard>
    ),
  },
  {
    path: '/administration/formations/nouvelle',
    element: (
      <Guard capability="admin.manage">
        <TrainingFormPage />
      </Guard>
    ),
  },
  {
    path: '/administration/formations/:trainingId',
    element: (
      <Guard capability="admin.manage">
        <TrainingFormPage />
      </Guard>
    ),
  },
  {
    path: '/administration/inscriptions',
    element: (
      <Guard capability="admin.manage">
        <EnrolmentsAdminPage />
      </Guard>
    ),
  },
  {
    path: '/administration/journal',
    element: (
      <Guard capability="admin.manage">
        <AuditLogPage />
      </Guard>
    ),
  },
];
