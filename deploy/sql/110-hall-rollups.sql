-- 15-minute rollups of each hall's event log (OrleansHall.Grains.History). Derived data: any day can be rebuilt
-- from hall_events, and the history grain rebuilds today's slots every quarter of an hour.
CREATE TABLE IF NOT EXISTS hall_rollups
(
    hall_id     text        NOT NULL,
    slot_start  timestamptz NOT NULL,
    rollup      jsonb       NOT NULL,
    rolled_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hall_id, slot_start)
);
