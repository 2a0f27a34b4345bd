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
