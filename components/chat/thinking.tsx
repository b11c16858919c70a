/** The model's reasoning: open while it streams, folded once the answer is done. */
export function Thinking({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <details open={streaming} className="group rounded-md border border-neutral-200 px-3 py-2 text-sm dark:border-neutral-800">
      <summary className="cursor-pointer text-neutral-500 select-none">{streaming ? "Thinking…" : "Thought process"}</summary>
      <p className="mt-2 whitespace-pre-wrap text-neutral-600 dark:text-neutral-400">{text}</p>
    </details>
  );
}
