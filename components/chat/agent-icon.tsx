/** An agent's icon from its config, or its initial; decorative, the name is always shown beside it. */
export function AgentIcon({ name, icon, size = "md" }: { name: string; icon?: string; size?: "sm" | "md" }) {
  return (
    <span
      aria-hidden
      className={`inline-flex shrink-0 items-center justify-center rounded-lg bg-neutral-100 font-semibold uppercase text-neutral-600 dark:bg-neutral-900 dark:text-neutral-300 ${size === "sm" ? "size-6 text-xs" : "size-8 text-base"}`}
    >
      {icon ?? name.charAt(0)}
    </span>
  );
}
