import { csvLine } from "@/lib/admin/csv";
import { sessionFiltersSchema } from "@/lib/admin/session-filters";
import { allAdminSessions } from "@/lib/db/sessions";
import { requireAdminCaller } from "@/lib/auth/caller";
import { readQuery } from "@/lib/http/body";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const HEADER = ["id", "user_email", "agent", "title", "created_at", "last_active_at", "message_count", "last_run_status"];

/** Every session the filters match (not only one page), streamed as CSV. */
export const GET = route(async (request, _params, log) => {
  await requireAdminCaller(request);
  const rows = allAdminSessions(readQuery(request, sessionFiltersSchema));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode(csvLine(HEADER))),
    async pull(controller) {
      try {
        const { value: s, done } = await rows.next();
        if (done) return controller.close();
        controller.enqueue(
          encoder.encode(csvLine([s.id, s.user.email, s.agent, s.title, s.createdAt, s.lastActiveAt, s.messageCount, s.lastRunStatus])),
        );
      } catch (error) {
        // Headers are sent: the client sees a cut-off download, the log says why.
        log.error({ err: error }, "session export failed");
        controller.error(error);
      }
    },
    cancel: () => void rows.return(undefined),
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="sessions-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
