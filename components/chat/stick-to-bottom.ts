"use client";

import { useCallback, useEffect, useRef } from "react";

// How close to the end still counts as "reading the end" (a wheel notch, a rounding error).
const SLACK_PX = 80;

const atEnd = () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - SLACK_PX;
const toEnd = () => window.scrollTo({ top: document.documentElement.scrollHeight });

/**
 * Keeps the window at the end of the conversation while it grows (a streamed answer, Markdown that
 * renders late, a reload), unless the reader has scrolled up to read. The end is the page's, so the
 * last lines are never left under the composer pinned over it. `follow()` starts following again.
 */
export function useStickToBottom() {
  const following = useRef(true);
  const observer = useRef<ResizeObserver>(undefined);
  useEffect(() => {
    // Only the reader scrolling up stops following, and reaching the end again resumes it: the
    // browser restoring a position on load, or content growing, does neither.
    let lastY = window.scrollY;
    const onScroll = () => {
      if (atEnd()) following.current = true;
      else if (window.scrollY < lastY) following.current = false;
      lastY = window.scrollY;
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, []);
  const content = useCallback((element: HTMLElement | null) => {
    observer.current?.disconnect();
    if (!element) return;
    observer.current = new ResizeObserver(() => following.current && toEnd());
    observer.current.observe(element);
  }, []);
  const follow = useCallback(() => {
    following.current = true;
    toEnd();
  }, []);
  return { content, follow };
}
