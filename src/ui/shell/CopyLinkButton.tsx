import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { shareUrl } from '../../store/urlState.ts';
import { useMessageText } from '../i18n/messageText.ts';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; url: string };

/**
 * Copies the link to these settings (they live in the URL); when the clipboard refuses (a page inside another site's
 * iframe, without its permission), shows the link selected to copy by hand, with a plain sentence.
 */
export function CopyLinkButton() {
  const settings = useLab((s) => s.settings);
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  const { t } = useTranslation();
  const fieldRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.kind === 'failed') {
      fieldRef.current?.focus();
      fieldRef.current?.select();
    }
    if (state.kind !== 'copied') return;
    const t = setTimeout(() => setState({ kind: 'idle' }), 2500);
    return () => clearTimeout(t);
  }, [state]);

  const copy = async () => {
    const url = shareUrl(window.location.href, settings);
    try {
      if (!navigator.clipboard) throw new Error('this page has no clipboard access');
      await navigator.clipboard.writeText(url);
      setState({ kind: 'copied' });
    } catch {
      // The browser's own words (NotAllowedError: Write permission denied) mean nothing to a reader: the sentence says it.
      setState({ kind: 'failed', url });
    }
  };

  return (
    <div className="copy-link">
      <button type="button" onClick={() => void copy()}>
        {t('link.copy')}
      </button>
      <span aria-live="polite" className="muted">
        {state.kind === 'copied' ? t('link.copied') : ''}
      </span>
      {state.kind === 'failed' && (
        <div role="alert" className="error">
          {t('link.failed')}{' '}
          <input
            ref={fieldRef}
            readOnly
            aria-label={t('link.field')}
            value={state.url}
            onFocus={(e) => e.currentTarget.select()}
            size={48}
          />
        </div>
      )}
    </div>
  );
}

/** Which values of the page's link were not used (malformed or out of range). */
export function LinkNotice() {
  const notice = useLab((s) => s.linkNotice);
  const dismiss = useLab((s) => s.dismissLinkNotice);
  const { t } = useTranslation();
  const messages = useMessageText();
  if (!notice) return null;
  return (
    <div role="alert" className="notice link-notice">
      <span>{t('messages.linkNotice', { list: notice.map(messages.text).join(t('messages.listSeparator')) })}</span>{' '}
      <button type="button" onClick={dismiss}>
        {t('link.dismiss')}
      </button>
    </div>
  );
}
