import type { RouteObject } from 'react-router';

export const deskRoutes: RouteObject[] = [];
