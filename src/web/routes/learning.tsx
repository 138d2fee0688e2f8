import type { RouteObject } from 'react-router';
import { Guard } from '../components/Guard';
import { MyTrainingsPage } from '../pages/learning/MyTrainingsPage';
import { TrainingPage } from '../pages/learning/TrainingPage';

export const learningRoutes: RouteObject[] = [
  {
    path: '/formations',
    element: (
      <Guard capability="learning.self">
        <MyTrainingsPage />
      </Guard>
    ),
  },
  {
    path: '/formations/:trainingId',
    element: (
      <Guard capability="learning.self">
        <TrainingPage />
      </Guard>
    ),
  },
];
