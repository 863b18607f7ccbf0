// Entry: detect the shell, build the store, mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config as zodConfig } from 'zod';
import { App } from './App';
import { AppServicesProvider } from './app/context';
import { detectPlatform } from './app/platform';
import { createAppStore } from './store/app-store';
import './styles.css';

// zod's fast path compiles validators with new Function, which our CSP forbids
// (no unsafe-eval); jitless mode validates the same without it.
zodConfig({ jitless: true });

const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
const store = createAppStore({ theme: prefersDark ? 'dark' : 'light' });
const platform = detectPlatform(window);
const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppServicesProvider platform={platform} store={store}>
      <App isMac={isMac} />
    </AppServicesProvider>
  </StrictMode>,
);
