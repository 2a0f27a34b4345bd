-- OrleansHall application schema: the append-only log of acknowledged business events.
-- event_id is chosen by the device or caller, so a re-sent event is stored once.

CREATE TABLE IF NOT EXISTS hall_events
(
    seq          bigserial   PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    hall_id      text        NOT NULL,
    kind         text        NOT NULL,
    subject      text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    payload      jsonb       NOT NULL
);

CREATE INDEX IF NOT EXISTS hall_events_by_hall_and_time ON hall_events (hall_id, occurred_at);
CREATE INDEX IF NOT EXISTS hall_events_by_kind_and_time ON hall_events (kind, occurred_at);

-- Append-only in the database as well, not only by convention: changing or deleting a row, or emptying the table,
-- is refused for every role, the owner and superusers included (only a superuser who drops or disables the trigger,
-- or sets session_replication_role, gets round it; a role that is not a superuser and does not own the table cannot). Re-sent events do not fire it: the insert skips them (ON CONFLICT DO NOTHING), it does not update them.
CREATE OR REPLACE FUNCTION hall_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'hall_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege', HINT = 'events are never changed or removed; record a correcting event instead';
END
$fn$;

CREATE OR REPLACE TRIGGER hall_events_rows_append_only
    BEFORE UPDATE OR DELETE ON hall_events
    FOR EACH ROW EXECUTE FUNCTION hall_events_refuse_change();

CREATE OR REPLACE TRIGGER hall_events_table_append_only
    BEFORE TRUNCATE ON hall_events
    FOR EACH STATEMENT EXECUTE FUNCTION hall_events_refuse_change();
