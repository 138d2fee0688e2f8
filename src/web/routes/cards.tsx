import type { RouteObject } from 'react-router';

export const cardsRoutes: RouteObject[] = [];
