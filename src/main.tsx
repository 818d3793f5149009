import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createLabStore, LabStoreProvider } from './store/index.ts';
import { syncLanguage } from './store/languageSlice.ts';
import { syncTheme } from './store/themeSlice.ts';
import { syncSettingsWithUrl } from './store/urlState.ts';
import { syncViewWithUrl } from './store/viewSlice.ts';
import { App } from './ui/shell/App.tsx';
import { loadCatalogue } from './ui/i18n/loadCatalogues.ts';
import './ui/shell/styles.css';

/** Makes the app's store (the single source of truth), binds it to the page and renders the app with it. */
function startApp(root: HTMLElement) {
  const store = createLabStore();

  // Settings come from the link (and follow back/forward) before the first render.
  syncSettingsWithUrl(store, window);
  syncViewWithUrl(store, window);
  syncLanguage(store, window);
  syncTheme(store, window);

  // The page's language is ready before the first render (English comes with the app; Chinese is its own chunk).
  void loadCatalogue(store.getState().lang).finally(() => {
    createRoot(root).render(
      <StrictMode>
        <LabStoreProvider store={store}>
          <App />
        </LabStoreProvider>
      </StrictMode>,
    );
  });
}

startApp(document.getElementById('root')!);
