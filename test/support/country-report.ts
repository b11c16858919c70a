import analyst from "@/agents/country-analyst.json";

/** The CountryReport JSON Schema as shipped in agents/country-analyst.json: tests use the real one. */
export const countryReportSchema = analyst.phases.find((phase) => phase.output)!.output!.schema as Record<string, unknown>;
