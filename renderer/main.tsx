import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './styles/app.css';

// Headings receive focus on screen changes; make them programmatically focusable.
const observer = new MutationObserver(() => {
  for (const h of document.querySelectorAll<HTMLElement>('main h1:not([tabindex])')) h.tabIndex = -1;
});
observer.observe(document.body, { childList: true, subtree: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
