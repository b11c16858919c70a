import type { RuntimeTool } from "../types";
import { calculator } from "./calculator";
import { getCountryInfo } from "./countries";
import { currentTime } from "./current-time";

export const builtinTools: ReadonlyMap<string, RuntimeTool> = new Map(
  [calculator, currentTime, getCountryInfo].map((tool) => [tool.name, tool]),
);
