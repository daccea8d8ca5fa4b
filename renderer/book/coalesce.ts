/**
 * A task that runs one at a time: calls made while it runs fold into one more run after it, so a burst of
 * calls costs two runs, not one each.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await task();
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  return run;
}
