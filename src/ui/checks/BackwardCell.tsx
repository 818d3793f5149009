import { Trans, useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { RICH_TEXT } from '../i18n/richText.tsx';
import { Cell } from '../shell/Cell.tsx';
import { sci } from '../i18n/format.ts';
import { Formulas } from '../formulas/Formulas.tsx';

export function BackwardCell() {
  const cell = useLab((s) => s.backwardCell);
  const run = useLab((s) => s.runBackwardCheck);
  const { t } = useTranslation();
  return (
    <Cell
      index={2}
      anchor="cell-backward"
      title={t('backward.title')}
      intro={
        <>
          <p>
            <Trans i18nKey="backward.intro" components={RICH_TEXT} />
          </p>
          <Formulas keys={['backward', 'numericGradient', 'relError']} />
        </>
      }
      onRun={() => void run()}
      status={cell.status}
      elapsedMs={cell.elapsedMs}
      error={cell.error}
    >
      {cell.result && (
        <dl className="figures">
          <dt>p</dt>
          <dd>{cell.result.p}</dd>
          <dt>{t('backward.dxRelError')}</dt>
          <dd data-testid="dx-rel-error">{sci(cell.result.dxRelError)}</dd>
        </dl>
      )}
    </Cell>
  );
}
