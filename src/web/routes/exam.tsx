import type { RouteObject } from 'react-router';
import { Guard } from '../components/Guard';
import { ExamPage } from '../pages/exam/ExamPage';

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
];
