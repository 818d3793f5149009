import { Trans, useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { RICH_TEXT } from '../i18n/richText.tsx';
import { Cell } from '../shell/Cell.tsx';
import { fixed, sci } from '../i18n/format.ts';
import { Formulas } from '../formulas/Formulas.tsx';

export function NetCell() {
  const cell = useLab((s) => s.netCell);
  const run = useLab((s) => s.runNetCheck);
  const names = cell.result ? Object.keys(cell.result[0].relErrors) : [];
  const { t } = useTranslation();
  return (
    <Cell
      index={3}
      anchor="cell-net"
      title={t('net.title')}
      intro={
        <>
          <p>
            <Trans i18nKey="net.intro" components={RICH_TEXT} />
          </p>
          <Formulas keys={['softmaxLoss', 'relError']} />
        </>
      }
      onRun={() => void run()}
      status={cell.status}
      elapsedMs={cell.elapsedMs}
      error={cell.error}
    >
      {cell.result && (
        <table aria-label={t('net.tableLabel')} className="stack-narrow">
          <thead>
            <tr>
              <th scope="col">{t('net.dropout')}</th>
              <th scope="col">{t('net.initialLoss')}</th>
              {names.map((n) => (
                <th scope="col" key={n}>
                  {t('net.relError', { name: n })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cell.result.map((r) => (
              <tr key={r.dropout}>
                <th scope="row" data-label={t('net.dropout')}>
                  {r.dropout}
                </th>
                <td data-label={t('net.initialLoss')}>{fixed(r.initialLoss, 4)}</td>
                {names.map((n) => (
                  <td key={n} data-label={t('net.relError', { name: n })}>
                    {sci(r.relErrors[n])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Cell>
  );
}
