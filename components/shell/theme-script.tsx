"use client";

export const THEME_KEY = "theme";

/**
 * Run before the page paints, so a dark page never flashes light: the stored choice, or the
 * system's, as `data-theme` on <html>; "system" follows the system as it changes.
 */
const THEME_SCRIPT = `(() => {
  const root = document.documentElement, dark = matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    let choice = "system";
    try { choice = localStorage.getItem("${THEME_KEY}") || choice; } catch {}
    root.dataset.themeChoice = choice;
    root.dataset.theme = choice === "dark" || (choice === "system" && dark.matches) ? "dark" : "light";
  };
  apply();
  dark.addEventListener("change", apply);
  window.addEventListener("storage", apply);
  window.__applyTheme = apply;
})();`;

/**
 * The theme in <head>: the server's HTML carries THEME_SCRIPT inline, and the browser runs it while
 * parsing, before the first paint. The browser's render adds nothing: React never runs a <script>
 * it creates and warns about one ("Encountered a script tag…" in `npm run dev`, on a page Next
 * renders wholly in the browser), and it skips the server's extra <head> tag when hydrating.
 */
export function ThemeScript() {
  return typeof window === "undefined" ? <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} /> : null;
}
