import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { accountsRoutes } from './accounts/accounts.routes.js';
import { catalogRoutes } from './catalog/catalog.routes.js';
import { deskRoutes } from './desk/desk.routes.js';
import { identityRoutes } from './identity/identity.routes.js';
import { photosRoutes } from './photos/photos.routes.js';
import { photoChecksRoutes } from './photo-checks/photo-checks.routes.js';
import { attemptsRoutes } from './attempts/attempts.routes.js';
import { monitoringRoutes } from './monitoring/monitoring.routes.js';
import { cardsRoutes } from './cards/cards.routes.js';
import { servicePointsRoutes } from './service-points/service-points.routes.js';
import { adminAccountRoutes } from './accounts/accounts.admin.routes.js';
import { catalogAdminRoutes } from './catalog/catalog.admin.routes.js';
import { auditAdminRoutes } from './audit-log/audit.admin.routes.js';
import { examsAdminRoutes } from './catalog/exams.admin.routes.js';
import { trialRoutes } from './attempts/trial.routes.js';

/** Every module's routes. A module adds its plugin here, and nowhere else. */
export const moduleRoutes: Array<(app: FastifyInstance, ctx: AppContext) => Promise<void>> = [
  accountsRoutes,
  catalogRoutes,
  deskRoutes,
  identityRoutes,
  photosRoutes,
  photoChecksRoutes,
  attemptsRoutes,
  monitoringRoutes,
  cardsRoutes,
  servicePointsRoutes,
  adminAccountRoutes,
  catalogAdminRoutes,
  auditAdminRoutes,
  examsAdminRoutes,
  trialRoutes,
];
