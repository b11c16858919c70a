import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageReport } from "@/lib/db/usage";
import { DataTable, UsageCard } from "./usage-card";
import { axis, COLORS, count, grid, percent, tooltip } from "./usage-style";

export function ErrorsChart({ errors, runs }: { errors: UsageReport["errors"]; runs: number }) {
  const data = errors.map((error) => ({ ...error, label: percent(error.rate) }));
  return (
    <UsageCard
      title="Errors by code"
      note={`share of all ${count(runs)} runs`}
      table={
        errors.length === 0 ? (
          <p className="text-neutral-500">No errors in this window.</p>
        ) : (
          <DataTable
            caption="Errors by code"
            rows={errors}
            rowKey={(error) => error.code}
            columns={[
              { label: "Code", value: (error) => error.code },
              { label: "Runs", value: (error) => count(error.runs), numeric: true },
              { label: "Rate", value: (error) => percent(error.rate), numeric: true },
            ]}
          />
        )
      }
    >
      {errors.length === 0 ? (
        <p className="flex h-full items-center justify-center text-sm">No errors in this window.</p>
      ) : (
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
          <BarChart data={data} margin={{ top: 20 }} accessibilityLayer={false}>
            <CartesianGrid {...grid} vertical={false} />
            <XAxis dataKey="code" {...axis} />
            <YAxis allowDecimals={false} {...axis} width={40} />
            <Tooltip
              {...tooltip}
              formatter={(runs, _name, item) => [`${count(Number(runs))} (${(item.payload as (typeof data)[number]).label})`, "Runs"]}
            />
            <Bar dataKey="runs" name="Runs" fill={COLORS.failure} isAnimationActive={false}>
              <LabelList dataKey="label" position="top" fill="currentColor" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
    </UsageCard>
  );
}
