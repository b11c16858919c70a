export const THEME_KEY = "theme";

/**
 * Run before the page paints (inlined in <head>), so a dark page never flashes light: the stored
 * choice, or the system's, as `data-theme` on <html>; "system" follows the system as it changes.
 */
export const THEME_SCRIPT = `(() => {
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
