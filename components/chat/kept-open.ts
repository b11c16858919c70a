"use client";

import { useState, type MouseEvent } from "react";

/**
 * What the reader opened or closed in answers, for the page's life. A new chat's page becomes
 * /chat/<id> once its first run has ended, and the refresh renders that route: a new tree, so
 * the answer is mounted again and an open block left to the DOM or to component state would
 * snap shut under the reader's eyes.
 */
const chosen = new Map<string, boolean>();

/**
 * A `<details>` the reader opens and closes (`toggle` on its `<summary>`): open as `auto` says until
 * they choose, then as they chose. `key` names the block across mounts (its run, its tool call).
 */
export function useKeptOpen(key: string, auto = false) {
  const [choice, setChoice] = useState(() => chosen.get(key));
  const open = choice ?? auto;
  const toggle = (event: MouseEvent) => {
    // React's state decides, not the browser's own toggling, so a render keeps what was chosen.
    event.preventDefault();
    chosen.set(key, !open);
    setChoice(!open);
  };
  return { open, toggle };
}
