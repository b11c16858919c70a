import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageReport } from "@/lib/db/usage";
import { DataTable, UsageCard } from "./usage-card";
import { axis, COLORS, count, grid, shortDay, tooltip } from "./usage-style";

const compact = new Intl.NumberFormat("en-US", { notation: "compact" });
const SERIES = [
  { key: "inputTokens", name: "Input", color: COLORS.primary },
  { key: "outputTokens", name: "Output", color: COLORS.secondary },
] as const;

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
          {SERIES.map(({ key, name, color }) => (
            <Area
              key={key}
              dataKey={key}
              name={name}
              stackId="tokens"
              stroke={color}
              fill={color}
              fillOpacity={0.3}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </UsageCard>
  );
}
