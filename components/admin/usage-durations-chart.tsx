import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { duration } from "@/components/format";
import type { UsageReport } from "@/lib/db/usage";
import { DataTable, UsageCard } from "./usage-card";
import { axis, COLORS, count, grid, tooltip } from "./usage-style";

export function DurationsChart({ agents }: { agents: UsageReport["durations"] }) {
  const timed = agents.filter((agent) => agent.timed > 0);
  return (
    <UsageCard
      title="Run duration per agent"
      note="p50 and p95 of finished runs"
      table={
        <DataTable
          caption="Run duration per agent"
          rows={agents}
          rowKey={(agent) => agent.agent}
          columns={[
            { label: "Agent", value: (agent) => agent.agent },
            { label: "Runs", value: (agent) => count(agent.runs), numeric: true },
            { label: "Finished", value: (agent) => count(agent.timed), numeric: true },
            { label: "p50", value: (agent) => duration(agent.p50Ms), numeric: true },
            { label: "p95", value: (agent) => duration(agent.p95Ms), numeric: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
        <BarChart data={timed} layout="vertical" accessibilityLayer={false}>
          <CartesianGrid {...grid} horizontal={false} />
          <XAxis type="number" tickFormatter={duration} {...axis} />
          <YAxis type="category" dataKey="agent" width={120} {...axis} />
          <Tooltip {...tooltip} formatter={(ms) => duration(Number(ms))} />
          <Legend />
          <Bar dataKey="p50Ms" name="p50" fill={COLORS.primary} isAnimationActive={false} />
          <Bar dataKey="p95Ms" name="p95" fill={COLORS.secondary} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </UsageCard>
  );
}
