// Entry point: global styles first, then the app.
import '@mantine/core/styles.css';
import './app/app.styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.root.tsx';

const container = document.getElementById('root');
if (container === null) {
  throw new Error('index.html lacks the #root element');
}
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
