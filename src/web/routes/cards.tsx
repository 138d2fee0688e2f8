import type { RouteObject } from 'react-router';
import { Guard } from '../components/Guard';
import { MyCardsPage } from '../pages/cards/MyCardsPage';
import { VerifyPage } from '../pages/cards/VerifyPage';

export const cardsRoutes: RouteObject[] = [
  // Public: anyone checks a card; the QR code leads here.
  { path: '/verifier', element: <VerifyPage /> },
  { path: '/verifier/:cardNumber', element: <VerifyPage /> },
  {
    path: '/formations/attestations',
    element: (
      <Guard capability="learning.self">
        <MyCardsPage />
      </Guard>
    ),
  },
];
