import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Navigate, Outlet, RouterProvider, type RouteObject } from 'react-router';
import { Layout } from './components/Layout';
import { accountRoutes } from './routes/accounts';
import { learningRoutes } from './routes/learning';
import { deskRoutes } from './routes/desk';
import { adminRoutes } from './routes/admin';
import { cardsRoutes } from './routes/cards';
import { examRoutes } from './routes/exam';
import { SessionProvider, useSession } from './session';

function Home() {
  const session = useSession();
  if (!session.loaded) return null;
  if (!session.user) return <Navigate to="/connexion" replace />;
  // An operator's day starts at the desk (« Liste des apprenants »); everyone else's at « Mon compte ».
  return <Navigate to={session.can('desk.use') ? '/point-de-service' : '/compte'} replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <p className="alert alert-error">{t('notFound')}</p>
      <Link to="/">{t('goHome')}</Link>
    </div>
  );
}

function Shell() {
  return (
    <Layout>
      <Outlet />
    </Layout>
  );
}

/** Routes without the site's menus (the exam's focused view) go in `bare`. */
const siteRoutes: RouteObject[] = [...accountRoutes, ...learningRoutes, ...deskRoutes, ...adminRoutes, ...cardsRoutes];
const bareRoutes: RouteObject[] = [...examRoutes];

const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [{ path: '/', element: <Home /> }, ...siteRoutes, { path: '*', element: <NotFound /> }],
  },
  ...bareRoutes,
]);

export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
