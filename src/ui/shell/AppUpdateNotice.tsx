import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useLab } from '../../store/index.ts';
import { isActive } from '../../store/runState.ts';

/**
 * The service worker's news (src/build/pwa.ts): the app is ready to work offline, or a new version has been
 * downloaded. The new version loads only when the person asks, and not while an experiment or a sweep is running:
 * reloading would end it.
 */
export function AppUpdateNotice() {
  const { t } = useTranslation();
  const {
    offlineReady: [offlineReady, setOfflineReady],
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  const busy = useLab((s) => isActive(s.run) || s.sweep?.status === 'running');
  return (
    <div role="status" className="app-update">
      {needRefresh ? (
        <p className="notice button-row">
          <span>{t(busy ? 'appUpdate.updateAfterRun' : 'appUpdate.updateReady')}</span>
          <button type="button" className="primary" disabled={busy} onClick={() => void updateServiceWorker(true)}>
            {t('appUpdate.reload')}
          </button>
          <button type="button" onClick={() => setNeedRefresh(false)}>
            {t('appUpdate.later')}
          </button>
        </p>
      ) : offlineReady ? (
        <p className="notice button-row">
          <span>{t('appUpdate.offlineReady')}</span>
          <button type="button" onClick={() => setOfflineReady(false)}>
            {t('appUpdate.dismiss')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
