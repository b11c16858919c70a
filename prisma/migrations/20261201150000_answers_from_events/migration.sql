-- An answer is shown from its run's stored events (the one record of what it did), so a copy of
-- it as browser message parts is no longer kept. Nothing is lost: every run's events are stored.
ALTER TABLE "Message" DROP COLUMN "parts";
