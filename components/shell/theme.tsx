"use client";

import { useSyncExternalStore } from "react";
import { THEME_KEY } from "./theme-script";

type ThemeChoice = "system" | "light" | "dark";
const CHOICES: [ThemeChoice, string][] = [
  ["system", "System"],
  ["light", "Light"],
  ["dark", "Dark"],
];
const CHANGE = "themechange";

const subscribe = (listener: () => void) => {
  window.addEventListener(CHANGE, listener);
  return () => window.removeEventListener(CHANGE, listener);
};
const current = () => (document.documentElement.dataset.themeChoice as ThemeChoice | undefined) ?? "system";

function choose(choice: ThemeChoice) {
  localStorage.setItem(THEME_KEY, choice);
  (window as unknown as { __applyTheme?: () => void }).__applyTheme?.();
  window.dispatchEvent(new Event(CHANGE));
}

/** System, light or dark, remembered in this browser. */
export function ThemePicker() {
  // The server cannot know the choice: it renders "system", and the browser's shows once hydrated.
  const choice = useSyncExternalStore(subscribe, current, () => "system" as ThemeChoice);
  return (
    <fieldset className="px-2 py-1.5">
      <legend className="mb-1 text-xs text-neutral-500">Theme</legend>
      <div className="flex rounded-md border border-neutral-300 text-xs dark:border-neutral-700">
        {CHOICES.map(([option, label]) => (
          <label
            key={option}
            className="flex min-h-6 flex-1 cursor-pointer items-center justify-center first:rounded-l-md last:rounded-r-md has-checked:bg-neutral-900 has-checked:text-white has-focus-visible:ring-2 has-focus-visible:ring-blue-500 dark:has-checked:bg-white dark:has-checked:text-neutral-900"
          >
            <input
              type="radio"
              name="theme"
              value={option}
              checked={choice === option}
              onChange={() => choose(option)}
              className="sr-only"
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
