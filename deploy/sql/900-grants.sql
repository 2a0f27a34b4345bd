-- What the silos' application role may do: read and write rows, never change the schema. The event log is
-- INSERT and SELECT only (the append-only trigger in 100-app-events.sql is the second wall). Applied with every
-- migration, by the owner role, so a table added later is granted here or not at all. Skipped where the role does
-- not exist (a database set up by hand, whose operator grants what they choose).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orleanshall_app') THEN
        RETURN;
    END IF;

    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM orleanshall_app;
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM orleanshall_app;
    GRANT USAGE ON SCHEMA public TO orleanshall_app;

    -- The providers' queries: read only, so no silo can rewrite the SQL every silo runs.
    GRANT SELECT ON OrleansQuery TO orleanshall_app;
    -- Membership, grain state, reminders and the derived rollups: rows come and go.
    GRANT SELECT, INSERT, UPDATE, DELETE ON orleans_cluster_version, orleans_silo, orleans_grain_state, orleans_reminder,
        hall_rollups TO orleanshall_app;
    -- The event log: append and read.
    GRANT SELECT, INSERT ON hall_events TO orleanshall_app;
    GRANT USAGE ON SEQUENCE hall_events_seq_seq TO orleanshall_app;
END
$$;
