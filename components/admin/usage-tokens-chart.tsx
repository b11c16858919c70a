import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageReport } from "@/lib/admin/usage";
import { DataTable, UsageCard } from "./usage-card";
import { axis, COLORS, count, grid, shortDay, tooltip } from "./usage-style";

const compact = new Intl.NumberFormat("en-US", { notation: "compact" });

export function TokensChart({ days }: { days: UsageReport["tokensPerDay"] }) {
  return (
    <UsageCard
      title="Tokens per day"
      table={
        <DataTable
          caption="Tokens per day"
          rows={days}
          rowKey={(day) => day.day}
          columns={[
            { label: "Day", value: (day) => day.day },
            { label: "Input", value: (day) => count(day.inputTokens), numeric: true },
            { label: "Output", value: (day) => count(day.outputTokens), numeric: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
        <AreaChart data={days} accessibilityLayer={false}>
          <CartesianGrid {...grid} vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} {...axis} minTickGap={16} />
          <YAxis tickFormatter={(tokens: number) => compact.format(tokens)} {...axis} width={48} />
          <Tooltip {...tooltip} labelFormatter={(day) => shortDay(String(day))} formatter={(tokens) => count(Number(tokens))} />
          <Legend />
          <Area
            dataKey="inputTokens"
            name="Input"
            stackId="tokens"
            stroke={COLORS.primary}
            fill={COLORS.primary}
            fillOpacity={0.3}
            isAnimationActive={false}
          />
          <Area
            dataKey="outputTokens"
            name="Output"
            stackId="tokens"
            stroke={COLORS.secondary}
            fill={COLORS.secondary}
            fillOpacity={0.3}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </UsageCard>
  );
}
