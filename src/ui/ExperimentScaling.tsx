import { useTranslation } from 'react-i18next';
import { useLab } from '../store/index.ts';
import { ScalingToggle } from './ScalingToggle.tsx';

/** The experiment's answer to "what happens if we do not divide by p?": the scaling of the dropout configuration. */
export function ExperimentScaling() {
  const scaling = useLab((s) => s.settings.scaling);
  const setSetting = useLab((s) => s.setSetting);
  const { t } = useTranslation();
  return (
    <div className="experiment-scaling">
      <ScalingToggle value={scaling} onChange={(value) => setSetting('scaling', value)} />
      <p className="muted">
        {scaling === 'inverted' ? t('experiment.scalingInverted') : t('experiment.scalingOther')}
      </p>
    </div>
  );
}
