import { fitNumber, fitString, primaryType, propertiesOf, readSchema, type SchemaNode } from "./json-schema";

// Values that pass the common string formats, so a placeholder never fails validation.
const FORMAT_EXAMPLES: Record<string, string> = {
  "date-time": "1970-01-01T00:00:00Z",
  date: "1970-01-01",
  time: "00:00:00Z",
  email: "demo@example.com",
  uri: "https://example.com",
  url: "https://example.com",
  uuid: "00000000-0000-4000-8000-000000000000",
  hostname: "example.com",
  ipv4: "127.0.0.1",
};

/** The simplest value that satisfies a schema, for what neither the question nor a tool supplied. */
export function placeholder(node: SchemaNode): unknown {
  if (node.default !== undefined) return node.default;
  if (node.const !== undefined) return node.const;
  if (node.enum) return node.enum[0];
  switch (primaryType(node)) {
    case "string":
      return fitString(FORMAT_EXAMPLES[node.format ?? ""] ?? "unknown", node);
    case "number":
    case "integer":
      return fitNumber(0, node);
    case "boolean":
      return false;
    case "array":
      return Array.from({ length: node.minItems ?? 0 }, () => placeholder(readSchema(node.items)));
    case "object": {
      const required = new Set(node.required);
      return Object.fromEntries(
        propertiesOf(node)
          .filter(([name]) => required.has(name))
          .map(([name, child]) => [name, placeholder(child)]),
      );
    }
    default:
      return null;
  }
}
