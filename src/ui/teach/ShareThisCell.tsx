import { useId, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { SETTING_KEYS, type RunSettings } from '../../store/settingsSchema.ts';
import { shareUrl } from '../../store/urlState.ts';
import { urlWithView, VIEW_CELLS, type ViewCell } from '../../store/viewSchema.ts';

/** An attribute value for HTML source. */
const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The <iframe> a course page pastes: the cell's link, a title, full width, the clipboard allowed (Copy link works inside). */
export function iframeSnippet(src: string, title: string): string {
  return `<iframe src="${attribute(src)}" title="${attribute(title)}" width="100%" height="760" style="border: 0" allow="clipboard-write" loading="lazy"></iframe>`;
}

type Copied = 'link' | 'embed' | 'refused' | null;

/**
 * "Share this cell": a link that opens the cell alone (with the settings on screen, the experiment's mask panel and
 * fixed settings as chosen here) and the iframe code to embed it. Where the clipboard is refused, the text is
 * selected to copy by hand and a sentence says so.
 */
export function ShareThisCell({ anchor, title }: { anchor: string; title: string }) {
  const cell = anchor.replace(/^cell-/, '') as ViewCell;
  const settings = useLab((s) => s.settings);
  const { t } = useTranslation();
  const [withMask, setWithMask] = useState(true);
  const [fixed, setFixed] = useState<readonly (keyof RunSettings)[]>([]);
  const [copied, setCopied] = useState<Copied>(null);
  // The body is made when the person opens it: nine cells' links and snippets need not sit in the page.
  const [open, setOpen] = useState(false);
  const linkRef = useRef<HTMLInputElement>(null);
  const embedRef = useRef<HTMLTextAreaElement>(null);
  const statusId = useId();
  if (!(VIEW_CELLS as readonly string[]).includes(cell)) return null;
  const experiment = cell === 'experiment';
  const cells: ViewCell[] = experiment && withMask ? ['experiment', 'mask'] : [cell];
  const link = urlWithView(
    shareUrl(window.location.href, settings),
    { cells, fixed: experiment ? fixed : [], present: false },
    `#${anchor}`,
  );
  const embed = iframeSnippet(link, t('share.frameTitle', { title }));

  const copy = async (
    text: string,
    what: 'link' | 'embed',
    field: RefObject<HTMLInputElement | HTMLTextAreaElement | null>,
  ) => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      field.current?.focus();
      field.current?.select();
      setCopied('refused');
    }
  };
  const toggleFixed = (key: keyof RunSettings, on: boolean) =>
    setFixed((list) => SETTING_KEYS.filter((k) => (k === key ? on : list.includes(k))));

  return (
    <details className="share-cell" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('share.summary')}</summary>
      {open && (
        <div className="share-body">
          <p className="muted">{t('share.intro')}</p>
          {experiment && (
            <>
              <label className="share-check">
                <input type="checkbox" checked={withMask} onChange={(e) => setWithMask(e.target.checked)} />{' '}
                {t('share.withMask')}
              </label>
              <fieldset className="share-fixed">
                <legend>{t('share.fixLegend')}</legend>
                {SETTING_KEYS.map((key) => (
                  <label key={key} className="share-check">
                    <input
                      type="checkbox"
                      checked={fixed.includes(key)}
                      onChange={(e) => toggleFixed(key, e.target.checked)}
                    />{' '}
                    {t(`settings.${key}`)}
                  </label>
                ))}
              </fieldset>
            </>
          )}
          <label className="field share-field">
            <span>{t('share.link')}</span>
            <input
              ref={linkRef}
              readOnly
              value={link}
              aria-describedby={statusId}
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
          <button type="button" onClick={() => void copy(link, 'link', linkRef)}>
            {t('share.copyLink')}
          </button>
          <label className="field share-field">
            <span>{t('share.embed')}</span>
            <textarea
              ref={embedRef}
              readOnly
              rows={3}
              value={embed}
              aria-describedby={statusId}
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
          <button type="button" onClick={() => void copy(embed, 'embed', embedRef)}>
            {t('share.copyEmbed')}
          </button>
          <p id={statusId} aria-live="polite" className={copied === 'refused' ? 'notice' : 'muted'}>
            {copied === 'link'
              ? t('share.copiedLink')
              : copied === 'embed'
                ? t('share.copiedEmbed')
                : copied === 'refused'
                  ? t('share.copyRefused')
                  : ''}
          </p>
        </div>
      )}
    </details>
  );
}
