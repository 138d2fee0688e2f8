import type { RouteObject } from 'react-router';
import { Guard } from '../components/Guard';
import { LearnerFilePage } from '../pages/desk/LearnerFilePage';
import { LearnerListPage } from '../pages/desk/LearnerListPage';
import { SummaryPage } from '../pages/desk/SummaryPage';

export const deskRoutes: RouteObject[] = [
  {
    path: '/point-de-service',
    element: (
      <Guard capability="desk.use">
        <LearnerListPage />
      </Guard>
    ),
  },
  {
    path: '/point-de-service/bilan',
    element: (
      <Guard capability="desk.use">
        <SummaryPage />
      </Guard>
    ),
  },
  {
    path: '/point-de-service/apprenants/:learnerId',
    element: (
      <Guard capability="desk.use">
        <LearnerFilePage />
      </Guard>
    ),
  },
];
