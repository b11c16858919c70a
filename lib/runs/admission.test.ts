import { describe, expect, it } from "vitest";
import { createAdmission } from "./admission";

describe("admission", () => {
  it("admits up to the cap, then queues first come first served", async () => {
    const admission = createAdmission(2);
    expect([admission.tryAcquire(), admission.tryAcquire(), admission.tryAcquire()]).toEqual([true, true, false]);
    const order: string[] = [];
    const first = admission.enqueue(new AbortController().signal);
    const second = admission.enqueue(new AbortController().signal);
    expect([first.position, second.position, admission.queued, admission.active]).toEqual([1, 2, 2, 2]);
    void first.admitted.then(() => order.push("first"));
    void second.admitted.then(() => order.push("second"));
    admission.release();
    await Promise.resolve();
    expect(order).toEqual(["first"]);
    expect([admission.active, admission.queued]).toEqual([2, 1]);
    admission.release();
    await second.admitted;
    expect(order).toEqual(["first", "second"]);
  });

  it("a run that stops waiting leaves the queue, and nobody is admitted in its place twice", async () => {
    const admission = createAdmission(1);
    admission.tryAcquire();
    const controller = new AbortController();
    const leaving = admission.enqueue(controller.signal);
    const staying = admission.enqueue(new AbortController().signal);
    controller.abort(new Error("cancelled"));
    await expect(leaving.admitted).rejects.toThrow("cancelled");
    expect(admission.queued).toBe(1);
    admission.release();
    await staying.admitted;
    expect([admission.active, admission.queued]).toEqual([1, 0]);
    admission.release();
    expect(admission.active).toBe(0);
    expect(admission.tryAcquire()).toBe(true);
  });
});
