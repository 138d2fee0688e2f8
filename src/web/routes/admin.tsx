import type { RouteObject } from 'react-router';
import { Guard } from '../components/Guard';
import { AdminHomePage } from '../pages/admin/AdminHomePage';
import { CardsAdminPage } from '../pages/admin/CardsAdminPage';
import { AccountPage } from '../pages/admin/org/AccountPage';
import { AccountsPage } from '../pages/admin/org/AccountsPage';
import { OperatorsPage } from '../pages/admin/org/OperatorsPage';
import { PointSummaryPage } from '../pages/admin/org/PointSummaryPage';
import { ServicePointPage } from '../pages/admin/org/ServicePointPage';
import { ServicePointsPage } from '../pages/admin/org/ServicePointsPage';
import { WorkstationsPage } from '../pages/admin/org/WorkstationsPage';
import { AuditLogPage } from '../pages/admin/AuditLogPage';
import { EnrolmentsAdminPage } from '../pages/admin/EnrolmentsAdminPage';
import { ExamDetailPage } from '../pages/admin/ExamDetailPage';
import { BankImportPage } from '../pages/admin/BankImportPage';
import { ExamImportPage } from '../pages/admin/ExamImportPage';
import { ExamsAdminPage } from '../pages/admin/ExamsAdminPage';
import { ExamVersionPage } from '../pages/admin/ExamVersionPage';
import { TrainingFormPage } from '../pages/admin/TrainingFormPage';
import { TrainingsAdminPage } from '../pages/admin/TrainingsAdminPage';

export const adminRoutes: RouteObject[] = [
  {
    // Administrators, and service point managers (their tiles only).
    path: '/administration',
    element: (
      <Guard capability="service_point.manage">
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
  {
    path: '/administration/points-de-service',
    element: (
      <Guard capability="service_point.manage">
        <ServicePointsPage />
      </Guard>
    ),
  },
  {
    path: '/administration/points-de-service/:servicePointId',
    element: (
      <Guard capability="service_point.manage">
        <ServicePointPage />
      </Guard>
    ),
  },
  {
    path: '/administration/points-de-service/:servicePointId/bilan',
    element: (
      <Guard capability="service_point.manage">
        <PointSummaryPage />
      </Guard>
    ),
  },
  {
    path: '/administration/postes-de-travail',
    element: (
      <Guard capability="service_point.manage">
        <WorkstationsPage />
      </Guard>
    ),
  },
  {
    path: '/administration/operateurs',
    element: (
      <Guard capability="service_point.manage">
        <OperatorsPage />
      </Guard>
    ),
  },
  {
    path: '/administration/comptes',
    element: (
      <Guard capability="admin.manage">
        <AccountsPage />
      </Guard>
    ),
  },
  {
    path: '/administration/comptes/:userId',
    element: (
      <Guard capability="admin.manage">
        <AccountPage />
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
      <Guard capability="service_point.manage">
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
  // « Examens » (issue 16): the exams, « Importer un examen », a version's preview and actions.
  {
    path: '/administration/examens',
    element: (
      <Guard capability="admin.manage">
        <ExamsAdminPage />
      </Guard>
    ),
  },
  {
    path: '/administration/examens/banque',
    element: (
      <Guard capability="admin.manage">
        <BankImportPage />
      </Guard>
    ),
  },
  {
    path: '/administration/examens/importer',
    element: (
      <Guard capability="admin.manage">
        <ExamImportPage />
      </Guard>
    ),
  },
  {
    path: '/administration/examens/versions/:versionId',
    element: (
      <Guard capability="admin.manage">
        <ExamVersionPage />
      </Guard>
    ),
  },
  {
    path: '/administration/examens/:examId',
    element: (
      <Guard capability="admin.manage">
        <ExamDetailPage />
      </Guard>
    ),
  },
];
