import type { RouteObject } from 'react-router';

export const examRoutes: RouteObject[] = [];
