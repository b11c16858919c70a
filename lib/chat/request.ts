import { z } from "zod";
import { runRequestFields, withBranchRules } from "@/lib/runs/request";

/** The browser's chat transport sends the REST API's run request, naming the agent. */
export const uiChatRequestSchema = withBranchRules(runRequestFields.extend({ agent: z.string().min(1).max(100) }));
