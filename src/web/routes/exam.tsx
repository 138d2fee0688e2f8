import type { RouteObject } from 'react-router';
import { Guard } from '../components/Guard';
import { ExamPage } from '../pages/exam/ExamPage';
import { TrialPage } from '../pages/exam/TrialPage';

/** The exam's focused view, rendered without the site's menus. */
export const examRoutes: RouteObject[] = [
  {
    path: '/examen/:attemptId',
    element: (
      <Guard capability="learning.self">
        <ExamPage />
      </Guard>
    ),
  },
  // « Essayer l'examen » (issue 16): the same page on an exam version, for administrators; nothing is saved.
  {
    path: '/examen/essai/:versionId',
    element: (
      <Guard capability="admin.manage">
        <TrialPage />
      </Guard>
    ),
  },
];
