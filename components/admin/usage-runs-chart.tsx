import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageReport } from "@/lib/db/usage";
import { DataTable, UsageCard } from "./usage-card";
import { axis, count, grid, shortDay, STATUS_COLORS, STATUS_LABELS, tooltip, type Status } from "./usage-style";

// Stack order, bottom up: outcomes first, then what is still in flight.
const STATUSES: Status[] = ["SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "RUNNING", "RETRYING", "WAITING", "QUEUED"];

export function RunsPerDayChart({ days }: { days: UsageReport["runsPerDay"] }) {
  // Statuses absent from the whole window stay out of the legend and the table.
  const shown = STATUSES.filter((status) => days.some((day) => day[status] > 0));
  return (
    <UsageCard
      title="Runs per day"
      table={
        <DataTable
          caption="Runs per day by status"
          rows={days}
          rowKey={(day) => day.day}
          columns={[
            { label: "Day", value: (day) => day.day },
            ...shown.map((status) => ({
              label: STATUS_LABELS[status],
              value: (day: (typeof days)[number]) => count(day[status]),
              numeric: true,
            })),
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
        <BarChart data={days} accessibilityLayer={false}>
          <CartesianGrid {...grid} vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} {...axis} minTickGap={16} />
          <YAxis allowDecimals={false} {...axis} width={40} />
          <Tooltip {...tooltip} labelFormatter={(day) => shortDay(String(day))} />
          <Legend />
          {shown.map((status) => (
            <Bar
              key={status}
              dataKey={status}
              name={STATUS_LABELS[status]}
              stackId="runs"
              fill={STATUS_COLORS[status]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </UsageCard>
  );
}
