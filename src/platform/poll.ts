/**
 * Runs `work` every `everyMs` until the returned `stop` (which waits for a run in flight). Runs never
 * overlap: a tick during a run queues the next one after it. Errors go to `onError`, and the timer
 * does not keep the process alive.
 */
export function pollEvery(
  everyMs: number,
  work: () => Promise<unknown>,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve()
  const timer = setInterval(() => {
    running = running.then(work).catch(onError)
  }, everyMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await running
  }
}
