/** Whether a promise has settled once everything already under way has run, with the clock standing still (fake timers). */
export async function hasSettled(promise: Promise<unknown>) {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  // Promise chains drain before the event loop reaches an immediate (which stays real).
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}
