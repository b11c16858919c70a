import type { PublicAgentConfig } from "@/lib/agent/config";
import { AgentIcon } from "./agent-icon";

/** An agent on the home page: what it does, its model and tools, and a form for its params. */
export function AgentCard({ agent, demo }: { agent: PublicAgentConfig; demo: boolean }) {
  const params = Object.entries(agent.params);
  return (
    <form
      action="/chat/new"
      aria-label={agent.name}
      className="flex flex-col gap-3 rounded-xl border border-neutral-200 p-4 dark:border-neutral-800"
    >
      <input type="hidden" name="agent" value={agent.name} />
      <div className="flex flex-wrap items-center gap-2">
        <AgentIcon name={agent.name} icon={agent.icon} />
        <h2 className="font-semibold">{agent.name}</h2>
        <span className="rounded-full bg-neutral-100 px-2 py-0.5 text-xs text-neutral-600 dark:bg-neutral-900 dark:text-neutral-400">
          {demo ? `demo (for ${agent.model})` : agent.model}
        </span>
      </div>
      <p className="text-sm text-neutral-600 dark:text-neutral-400">{agent.description}</p>
      <ul className="flex flex-wrap gap-1.5 text-xs">
        {agent.tools.map((tool) => (
          <li key={tool} className="max-w-full rounded bg-neutral-100 px-1.5 py-0.5 font-mono [overflow-wrap:anywhere] dark:bg-neutral-900">
            {tool}
          </li>
        ))}
      </ul>
      {params.map(([name, spec]) => (
        <label key={name} className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{name}</span>
          {spec.enum ? (
            <select
              name={name}
              defaultValue={String(spec.default ?? spec.enum[0])}
              className="rounded-md border border-neutral-300 bg-transparent px-2 py-1.5 dark:border-neutral-700"
            >
              {spec.enum.map((value) => (
                <option key={String(value)}>{String(value)}</option>
              ))}
            </select>
          ) : spec.type === "boolean" ? (
            <select
              name={name}
              defaultValue={String(spec.default ?? false)}
              className="rounded-md border border-neutral-300 bg-transparent px-2 py-1.5 dark:border-neutral-700"
            >
              <option>true</option>
              <option>false</option>
            </select>
          ) : (
            <input
              name={name}
              type={spec.type === "string" ? "text" : "number"}
              step={spec.type === "integer" ? 1 : "any"}
              defaultValue={spec.default === undefined ? undefined : String(spec.default)}
              className="rounded-md border border-neutral-300 bg-transparent px-2 py-1.5 dark:border-neutral-700"
            />
          )}
          {spec.description && <span className="text-xs text-neutral-500">{spec.description}</span>}
        </label>
      ))}
      <button className="mt-auto self-start rounded-md bg-neutral-900 px-3 py-1.5 text-sm font-semibold text-white dark:bg-white dark:text-neutral-900">
        New chat
      </button>
    </form>
  );
}
