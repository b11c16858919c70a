"use client";

import { useEffect, useState } from "react";

/** Seconds since the component started running, ticking each second while `running`; frozen after. */
export function useElapsedSeconds(running: boolean) {
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return Math.floor((now - started) / 1000);
}

export const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);
