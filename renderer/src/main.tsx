import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/transport';
import { App } from './App';
import { setupI18n } from './i18n/setup';

setupI18n();
const connection = connect();
const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App connection={connection} />
  </StrictMode>,
);
