/** Where the benchmark's Node bundle and its build of the app go (ignored by git, kept out of dist/). */
export const BENCH_OUT_DIR = 'node_modules/.cache/dropout-lab-bench';
