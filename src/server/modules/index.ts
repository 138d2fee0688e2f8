import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { accountsRoutes } from './accounts/accounts.routes.js';

/** Every module's routes. A module adds its plugin here, and nowhere else. */
export const moduleRoutes: Array<(app: FastifyInstance, ctx: AppContext) => Promise<void>> = [accountsRoutes];
