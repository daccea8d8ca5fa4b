// Work done ahead in idle time (say, the numbers of scenarios the window may switch to next) must never hold up the
// analyst: it starts only after a quiet moment (no key, click or wheel and no new work asked for), runs one short
// step per idle callback, and waits for another quiet moment after any input. A step already running finishes;
// steps are kept to one short shared function call each (10-20 ms at 100k deals), and one starts only when the
// browser expects to stay idle for longer than that.
const QUIET_MS = 1000;
const MIN_IDLE_MS = 40;

let lastInput = -Infinity;
let listening = false;

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  const mark = () => void (lastInput = performance.now());
  for (const type of ['keydown', 'pointerdown', 'wheel', 'input', 'change']) window.addEventListener(type, mark, { capture: true, passive: true });
}

/**
 * Whether this window computes ahead at all: on unless the page's address says `?precompute=off` (the benchmark's
 * cold measure, so it can time a first switch with nothing computed ahead).
 */
export function precomputeAllowed(): boolean {
  return typeof location === 'undefined' || new URLSearchParams(location.search).get('precompute') !== 'off';
}

type Idle = { timeRemaining(): number };
const requestIdle = (run: (deadline: Idle) => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run);
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(() => run({ timeRemaining: () => 50 }), 50);
  return () => clearTimeout(timer);
};

/**
 * Run `steps` one at a time in idle moments after a quiet second; returns the cancel (call it when what the steps
 * compute is no longer wanted, e.g. the rows changed). Nothing runs when precompute is off.
 */
export function runWhenIdle(steps: readonly (() => void)[]): () => void {
  if (!steps.length) return () => undefined;
  let next = 0;
  return runCallsWhenIdle(async () => {
    steps[next++]!();
    return next >= steps.length;
  });
}

/**
 * runWhenIdle for work done elsewhere (the book's service) a call at a time: `step` is called in an idle moment
 * after a quiet second, and called again in the next idle moment after its answer until it answers true (done).
 * Any key, click or wheel makes the next call wait for another quiet second. Returns the cancel.
 */
export function runCallsWhenIdle(step: () => Promise<boolean>): () => void {
  if (!precomputeAllowed()) return () => undefined;
  listen();
  const asked = performance.now();
  let stopped = false;
  let cancel: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = () => {
    if (stopped) return;
    const quietFor = performance.now() - Math.max(lastInput, asked);
    if (quietFor < QUIET_MS) {
      timer = setTimeout(schedule, QUIET_MS - quietFor);
      return;
    }
    cancel = requestIdle((deadline) => {
      cancel = null;
      if (stopped) return;
      if (performance.now() - lastInput < QUIET_MS || deadline.timeRemaining() < MIN_IDLE_MS) return schedule();
      step().then(
        (done) => void (done || schedule()),
        () => undefined,
      );
    });
  };
  schedule();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    cancel?.();
  };
}
