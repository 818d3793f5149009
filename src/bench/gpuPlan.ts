import { planMatmul, totalGroups } from '../core/gpu/dispatchPlan.ts';
import { plannedDispatches, stepOps, stepUploads, type StepShapes } from '../core/gpu/stepPlan.ts';
import { table } from './report.ts';
import { configsOf, runSettingsOf, type Workload } from './workload.ts';

/** A training step's shapes for one of the workload's configurations, as the GPU trainer gets them. */
export function stepShapesOf(w: Workload, keepProb: number, scaling: StepShapes['scaling']): StepShapes {
  const settings = runSettingsOf(w);
  return {
    batchSize: w.batchSize,
    inputDim: w.inputDim,
    hiddenDims: Array.from({ length: settings.hiddenLayers }, () => w.hiddenSize),
    numClasses: w.numClasses,
    keepProb,
    scaling,
  };
}

/** Whether a plan meets issue 24's bar: every product of a step launches this many workgroups, and uploads at most this much. */
export const PLAN_BAR = { productWorkgroups: 128, uploadBytes: 12 * 1024 };

/**
 * `npm run bench -- --gpu-plan`: each configuration's training step on the GPU for the workload, from the plan the
 * GPU trainer builds its step from (stepPlan.ts): the dispatches with their workgroups, the bytes uploaded per step,
 * and what is read back; then the accuracy checks' products. Needs no GPU and runs nothing.
 */
export function formatGpuPlan(w: Workload): string {
  const lines: string[] = [];
  for (const config of configsOf(w)) {
    const shapes = stepShapesOf(w, config.keepProb, config.scaling);
    const dispatches = stepOps(shapes).flatMap((op) => plannedDispatches(shapes, op));
    const uploads = stepUploads(shapes);
    const uploaded = uploads.reduce((sum, u) => sum + u.bytes, 0);
    const fewest = Math.min(...dispatches.filter((d) => d.product).map((d) => totalGroups(d.groups)));
    lines.push(
      `GPU training step, ${config.label} (batch ${shapes.batchSize}, ${[shapes.inputDim, ...shapes.hiddenDims, shapes.numClasses].join(' - ')}, ${shapes.scaling}): ${dispatches.length} dispatches in one compute pass`,
      table(
        ['dispatch', 'workgroups (x, y, z)', 'total'],
        dispatches.map((d, i) => [`${i + 1}. ${d.what}`, d.groups.join(', '), String(totalGroups(d.groups))]),
      ),
      table(
        ['uploaded per step', 'bytes'],
        [...uploads.map((u) => [u.what, String(u.bytes)]), ['total', String(uploaded)]],
      ),
      "Read back inside a step: nothing (0 bytes). Each step's loss (4 bytes) and each check's two counts (8 bytes) stay on the GPU and are " +
        'copied out in batches, at most every 200 ms, into one of two staging buffers that are mapped while the next steps run.',
      `Products: the fewest workgroups is ${fewest} (bar: at least ${PLAN_BAR.productWorkgroups}); uploads ${uploaded} bytes a step (bar: at most ${PLAN_BAR.uploadBytes}): ` +
        `${fewest >= PLAN_BAR.productWorkgroups && uploaded <= PLAN_BAR.uploadBytes ? 'met' : 'NOT met'}.`,
      '',
    );
  }
  const shapes = stepShapesOf(w, 1, 'inverted');
  const dims = [shapes.inputDim, ...shapes.hiddenDims, shapes.numClasses];
  const checkRows = { 'training rows': Math.min(w.numTrain, w.checkTrainSamples), 'validation rows': w.numVal };
  lines.push(
    'Accuracy check products (test mode, each set in one chunk at these sizes):',
    table(
      ['set', 'product', 'tiles', 'slices of K', 'workgroups'],
      Object.entries(checkRows).flatMap(([set, rows]) =>
        dims.slice(1).map((out, l) => {
          const plan = planMatmul(rows, dims[l], out);
          return [
            set,
            `${rows}x${dims[l]}x${out}`,
            `${plan.tile}x${plan.tile}`,
            String(plan.slices),
            String(totalGroups(plan.groups)),
          ];
        }),
      ),
    ),
  );
  return lines.join('\n');
}
