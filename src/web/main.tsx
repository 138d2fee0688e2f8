import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './i18n';
// The global sheet first: an area's sheet refines global classes inside its own (styles/styles.test.ts).
import './styles/global.css';
import './styles/account.css';
import './styles/admin.css';
import './styles/cards.css';
import './styles/desk.css';
import './styles/exam.css';
import './styles/learning.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
