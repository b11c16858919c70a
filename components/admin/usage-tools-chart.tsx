import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageReport } from "@/lib/db/usage";
import { DataTable, UsageCard } from "./usage-card";
import { axis, COLORS, count, grid, percent, tooltip } from "./usage-style";

// Wide enough for the longest name (MCP tools are `mcp:<server>/<tool>`), at the axis' 12 px type.
const labelWidth = (tools: UsageReport["tools"]) =>
  Math.min(320, Math.max(80, 12 + 7 * Math.max(...tools.map((tool) => tool.tool.length))));

export function ToolsChart({ tools }: { tools: UsageReport["tools"] }) {
  // Stacked, so a bar's full length is the tool's calls and its red part the failures.
  const data = tools.map((tool) => ({ tool: tool.tool, succeeded: tool.calls - tool.failures, failures: tool.failures }));
  return (
    <UsageCard
      title="Top tools"
      note="by calls"
      table={
        tools.length === 0 ? (
          <p className="text-neutral-500">No tool calls in this window.</p>
        ) : (
          <DataTable
            caption="Top tools by calls"
            rows={tools}
            rowKey={(tool) => tool.tool}
            columns={[
              { label: "Tool", value: (tool) => tool.tool },
              { label: "Calls", value: (tool) => count(tool.calls), numeric: true },
              { label: "Failures", value: (tool) => count(tool.failures), numeric: true },
              { label: "Failure rate", value: (tool) => percent(tool.failures / tool.calls), numeric: true },
            ]}
          />
        )
      }
    >
      {tools.length === 0 ? (
        <p className="flex h-full items-center justify-center text-sm">No tool calls in this window.</p>
      ) : (
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
          <BarChart data={data} layout="vertical" accessibilityLayer={false}>
            <CartesianGrid {...grid} horizontal={false} />
            <XAxis type="number" allowDecimals={false} {...axis} />
            <YAxis type="category" dataKey="tool" width={labelWidth(tools)} {...axis} />
            <Tooltip {...tooltip} formatter={(calls) => count(Number(calls))} />
            <Legend />
            <Bar dataKey="succeeded" name="Succeeded" stackId="calls" fill={COLORS.success} isAnimationActive={false} />
            <Bar dataKey="failures" name="Failed" stackId="calls" fill={COLORS.failure} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </UsageCard>
  );
}
