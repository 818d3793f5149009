import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useLab } from './store/index.ts';
import { syncLanguage } from './store/languageSlice.ts';
import { syncTheme } from './store/themeSlice.ts';
import { syncSettingsWithUrl } from './store/urlState.ts';
import { syncViewWithUrl } from './store/viewSlice.ts';
import { App } from './ui/shell/App.tsx';
import { loadCatalogue } from './ui/i18n/loadCatalogues.ts';
import './ui/shell/styles.css';

// Settings come from the link (and follow back/forward) before the first render.
syncSettingsWithUrl(useLab, window);
syncViewWithUrl(useLab, window);
syncLanguage(useLab, window);
syncTheme(useLab, window);

// The page's language is ready before the first render (English comes with the app; Chinese is its own chunk).
void loadCatalogue(useLab.getState().lang).finally(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
