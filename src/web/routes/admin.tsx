import type { RouteObject } from 'react-router';
import { Guard } from '../components/Guard';
import { AdminHomePage } from '../pages/admin/AdminHomePage';
import { CardsAdminPage } from '../pages/admin/CardsAdminPage';

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
];
