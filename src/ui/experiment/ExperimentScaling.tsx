import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { ScalingToggle } from '../settings/ScalingToggle.tsx';
import { FixedNote } from '../settings/SettingField.tsx';

/** The experiment's answer to "what happens if we do not divide by p?": the scaling of the dropout configuration. */
export function ExperimentScaling() {
  const scaling = useLab((s) => s.settings.scaling);
  const setSetting = useLab((s) => s.setSetting);
  const fixed = useLab((s) => s.view.fixed.includes('scaling'));
  const noteId = useId();
  const { t } = useTranslation();
  return (
    <div className="experiment-scaling">
      <ScalingToggle
        value={scaling}
        onChange={(value) => setSetting('scaling', value)}
        disabled={fixed}
        describedBy={fixed ? noteId : undefined}
      />
      {fixed && <FixedNote id={noteId} />}
      <p className="muted">{scaling === 'inverted' ? t('experiment.scalingInverted') : t('experiment.scalingOther')}</p>
    </div>
  );
}
