import type { Metadata } from "next";
import { AgentIcon } from "@/components/chat/agent-icon";
import { Table } from "@/components/table";
import { agentsStatus } from "@/lib/admin/agents";
import type { McpServerStatus } from "@/lib/tools/mcp/types";
import { reconnectAction } from "./actions";

export const metadata: Metadata = { title: "Agents · Admin" };

const stateTone = {
  connected: "text-emerald-700 dark:text-emerald-400",
  connecting: "text-blue-700 dark:text-blue-400",
  idle: "text-neutral-500",
  error: "text-red-700 dark:text-red-400",
  unavailable: "text-amber-700 dark:text-amber-400",
} satisfies Record<McpServerStatus["state"], string>;

export default async function AdminAgentsPage() {
  const { agents, errors, servers } = await agentsStatus();
  return (
    <section className="flex flex-col gap-8">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">Agents</h1>
        {errors.length > 0 && (
          <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-300">
            <p className="font-medium">Configuration that did not load</p>
            <ul className="mt-1 list-disc pl-5 font-mono text-xs">
              {errors.map(({ file, message }) => (
                <li key={`${file}: ${message}`}>
                  {file}: {message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {agents.map((agent) => (
            <li
              key={agent.name}
              aria-label={agent.name}
              className="flex flex-col gap-2 rounded-lg border border-neutral-200 p-3 text-sm dark:border-neutral-800"
            >
              <div className="flex items-center gap-2">
                <AgentIcon name={agent.name} icon={agent.icon} size="sm" />
                <span className="font-semibold">{agent.name}</span>
                <span className="ml-auto text-xs text-neutral-500">
                  {agent.answeredBy === agent.model
                    ? agent.model
                    : `answered by ${agent.answeredBy} (configured: ${agent.model})${agent.missingKey ? ` · ${agent.missingKey} not set` : ""}`}
                </span>
              </div>
              <p className="text-neutral-600 dark:text-neutral-400">{agent.description}</p>
              <p className="text-xs text-neutral-500">
                {agent.tools.length} tools · {Math.max(1, agent.phases.length)} {agent.phases.length > 1 ? "phases" : "phase"} · timeout{" "}
                {agent.timeout_s} s
              </p>
            </li>
          ))}
        </ul>
      </div>
      <div className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">MCP servers</h2>
        {servers.length === 0 && <p className="text-sm text-neutral-500">No MCP servers are configured (mcp.json).</p>}
        <Table columns={["Server", "Transport", "Status", { label: "Tools", numeric: true }, ""]}>
          {servers.map((server) => (
            <tr key={server.name} aria-label={server.name} className="border-t border-neutral-200 align-top dark:border-neutral-800">
              <td className="py-2 pr-4 font-medium">{server.name}</td>
              <td className="py-2 pr-4">
                {server.transport}
                {server.host ? ` · ${server.host}` : ""}
              </td>
              <td className="py-2 pr-4">
                <span data-state={server.state} className={stateTone[server.state]}>
                  {server.state}
                </span>
                {server.error && <p className="text-xs text-red-700 dark:text-red-400">{server.error}</p>}
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{server.toolCount ?? "–"}</td>
              <td className="py-2 text-right">
                <form action={reconnectAction}>
                  <input type="hidden" name="server" value={server.name} />
                  <button
                    aria-label={`Reconnect ${server.name}`}
                    className="rounded-md border border-neutral-300 px-2 py-1 text-xs font-medium hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-900"
                  >
                    Reconnect
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </Table>
      </div>
    </section>
  );
}
