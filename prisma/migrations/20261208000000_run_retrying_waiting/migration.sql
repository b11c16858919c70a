-- A run whose process is gone and that resumes from its journal (RETRYING), and one that waits for a
-- person's answer (WAITING): both live states (lib/db/run-lifecycle.ts).
ALTER TYPE "RunStatus" ADD VALUE 'RETRYING';
ALTER TYPE "RunStatus" ADD VALUE 'WAITING';
