import { AgentIcon } from "./agent-icon";

type Props = { agent: { name: string; icon?: string; description: string }; params?: Record<string, unknown>; notice?: string };

/** Above a chat: the agent, the params chosen for it, and a notice such as the demo model answering. */
export function ChatHeader({ agent, params, notice }: Props) {
  return (
    <header className="border-b border-neutral-200 pb-3 dark:border-neutral-800">
      <h1 className="flex items-center gap-2 text-lg font-semibold">
        <AgentIcon name={agent.name} icon={agent.icon} size="sm" />
        {agent.name}
      </h1>
      <p className="text-sm text-neutral-500">{agent.description}</p>
      {params && Object.keys(params).length > 0 && (
        <ul aria-label="Parameters" className="mt-2 flex flex-wrap gap-1.5 text-xs">
          {Object.entries(params).map(([name, value]) => (
            <li key={name} className="rounded-full bg-neutral-100 px-2 py-0.5 text-neutral-700 dark:bg-neutral-900 dark:text-neutral-300">
              {name}: <span className="font-mono">{typeof value === "string" ? value : JSON.stringify(value)}</span>
            </li>
          ))}
        </ul>
      )}
      {notice && (
        <p role="note" className="mt-2 rounded-md bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {notice}
        </p>
      )}
    </header>
  );
}
