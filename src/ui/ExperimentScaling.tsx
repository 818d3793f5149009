import { useLab } from '../store/index.ts';
import { ScalingToggle } from './ScalingToggle.tsx';

/** The experiment's answer to "what happens if we do not divide by p?": the scaling of the dropout configuration. */
export function ExperimentScaling() {
  const scaling = useLab((s) => s.settings.scaling);
  const setSetting = useLab((s) => s.setSetting);
  return (
    <div className="experiment-scaling">
      <ScalingToggle value={scaling} onChange={(value) => setSetting('scaling', value)} />
      <p className="muted">
        {scaling === 'inverted'
          ? 'The assignment\'s dropout. Choose another scaling to train it beside this one.'
          : 'A third net trains with the same p and inverted dropout, so the charts and the Results table show both scalings side by side.'}
      </p>
    </div>
  );
}
