import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
// One bundled UI font: the app reads the same on every register, with no font CDN.
import '@fontsource-variable/inter';
import './styles/tokens.css';
import './styles/base.css';
import './styles/login.css';
import './styles/shell.css';
import './styles/lookup.css';
import './styles/card.css';
import './styles/checkout.css';
import './styles/starters.css';
import './styles/capture.css';
import './styles/dashboard.css';
import './styles/search.css';
import './styles/merch.css';
import './styles/sync.css';
import './styles/staff.css';
import './styles/setup.css';
import './styles/settings.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
