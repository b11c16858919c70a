import { z } from "zod";
import dataset from "@/data/countries.json";
import { defineTool } from "./define";

type Country = (typeof dataset.countries)[number];

const normalise = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .trim()
    .toLowerCase();

const byKey = new Map<string, Country>();
for (const country of dataset.countries) {
  const aliases: readonly string[] = ("aliases" in country && country.aliases) || [];
  for (const key of [country.name, country.iso2, country.iso3, ...aliases]) byKey.set(normalise(key), country);
}

function findCountry(query: string) {
  return byKey.get(normalise(query));
}

export const getCountryInfo = defineTool({
  name: "get_country_info",
  description: "Look up a country by name or ISO code (ES, ESP, Spain): capital, region, population, area, currency and languages.",
  idempotent: true,
  input: z.object({ country: z.string().min(2).max(80).describe("Country name or ISO 3166 code") }),
  execute: ({ country }) => {
    const found = findCountry(country);
    if (!found) {
      throw new Error(`No country matches "${country}". Known: ${dataset.countries.map((c) => c.name).join(", ")}.`);
    }
    return { ...found, source: dataset.source };
  },
});
