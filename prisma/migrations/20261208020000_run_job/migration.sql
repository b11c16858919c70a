-- The run's job in the run queue (pg-boss, RUN_EXECUTOR=pgboss): set with the run, in its transaction.
ALTER TABLE "Run" ADD COLUMN "jobId" TEXT;
