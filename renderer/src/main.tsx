import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/transport';
import { App } from './App';
import { CitizenApp } from './citizen/CitizenApp';
import { connectCitizen } from './citizen/connect';
import { setupI18n } from './i18n/setup';
import { patchAccessibility } from './util/a11yPatches';

setupI18n();
patchAccessibility();
const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// /citizen: the screen turned to the citizen, on its own channel (web: paired by code; app: main's port).
const citizen = location.pathname.replace(/\/+$/, '') === '/citizen';
createRoot(root).render(
  <StrictMode>
    {citizen ? <CitizenApp link={connectCitizen()} /> : <App connection={connect()} />}
  </StrictMode>,
);
