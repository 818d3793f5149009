import { resolve } from 'node:path';
import { SHARED_CIFAR_DIR } from './benchData.ts';
import { W, type Workload } from './workload.ts';

/** The bench's command line (see main.ts for each option). */
export interface Options {
  reps: number;
  /** Also run W on WebGPU in Node (Dawn); in Chromium the app's default compute is the GPU when it has an adapter. */
  gpu: boolean;
  /** Only print the GPU step's plan for W (no run, no GPU). */
  gpuPlan: boolean;
  quick: boolean;
  json: boolean;
  jsonFile: string | null;
  node: boolean;
  browser: boolean;
  numpy: boolean;
  threads: boolean;
  scaling: boolean;
  scalingReps: number;
  dataDir: string;
  cpuProfileDir: string | null;
  uiVariants: boolean;
  kernels: Workload['kernels'];
  /** Changes to W (--hidden, --num-train, --epochs). */
  resize: Partial<Pick<Workload, 'hiddenSize' | 'numTrain' | 'epochs'>>;
}

export function parseOptions(argv: string[]): Options {
  const o: Options = {
    reps: 3,
    quick: false,
    json: false,
    jsonFile: null,
    node: true,
    browser: true,
    numpy: true,
    threads: true,
    scaling: true,
    scalingReps: 1,
    gpu: false,
    gpuPlan: false,
    dataDir: resolve(SHARED_CIFAR_DIR),
    cpuProfileDir: null,
    uiVariants: true,
    kernels: W.kernels,
    resize: {},
  };
  const count = (flag: string, value: string | undefined) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${flag} needs a whole number of at least 1, got "${value ?? ''}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--reps') o.reps = count(flag, value());
    else if (flag === '--scaling-reps') o.scalingReps = count(flag, value());
    else if (flag === '--quick') o.quick = true;
    else if (flag === '--json') [o.json, o.jsonFile] = [true, inline ?? null];
    else if (flag === '--no-node') o.node = false;
    else if (flag === '--no-browser') o.browser = false;
    else if (flag === '--no-numpy') o.numpy = false;
    else if (flag === '--no-scaling') o.scaling = false;
    else if (flag === '--no-threads') o.threads = false;
    else if (flag === '--no-ui-variants') o.uiVariants = false;
    else if (flag === '--gpu') o.gpu = true;
    else if (flag === '--gpu-plan') o.gpuPlan = true;
    else if (flag === '--hidden') o.resize.hiddenSize = count(flag, value());
    else if (flag === '--num-train') o.resize.numTrain = count(flag, value());
    else if (flag === '--epochs') o.resize.epochs = count(flag, value());
    else if (flag === '--kernels') {
      const k = value();
      if (k !== 'exact' && k !== 'fast') throw new Error(`--kernels takes exact or fast, got "${k ?? ''}"`);
      o.kernels = k;
    } else if (flag === '--data') o.dataDir = resolve(value() ?? '');
    else if (flag === '--cpuprofile') o.cpuProfileDir = resolve(value() ?? '.');
    else throw new Error(`unknown option ${argv[i]} (see src/bench/main.ts)`);
  }
  if (o.quick) o.reps = argv.includes('--reps') || argv.some((a) => a.startsWith('--reps=')) ? o.reps : 1;
  return o;
}
