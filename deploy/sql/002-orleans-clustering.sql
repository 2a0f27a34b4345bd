-- Cluster membership for the ADO.NET clustering provider (silos and gateway-list clients).
-- One version row per deployment (cluster id) guards every membership change: a change succeeds only
-- when the caller still holds the version it read, and bumps it.

CREATE TABLE IF NOT EXISTS orleans_cluster_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_silo
(
    deployment_id   text        NOT NULL REFERENCES orleans_cluster_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Adds a silo row and bumps the table version, both or neither.
CREATE OR REPLACE FUNCTION orleans_silo_insert(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean
LANGUAGE plpgsql AS
$fn$
BEGIN
    INSERT INTO orleans_silo (deployment_id, address, port, generation, silo_name, host_name, status,
                              proxy_port, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
            coalesce(p_proxy_port, 0), p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_cluster_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = p_deployment_id AND version = p_version;
    IF NOT FOUND THEN
        -- Someone changed the table since the caller read it: undo our row, the caller re-reads and retries.
        RAISE EXCEPTION USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN true;
EXCEPTION WHEN serialization_failure THEN
    RETURN false;
END
$fn$;

-- Changes a silo's status and suspicions and bumps the table version, both or neither.
CREATE OR REPLACE FUNCTION orleans_silo_update(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean
LANGUAGE plpgsql AS
$fn$
BEGIN
    UPDATE orleans_cluster_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = p_deployment_id AND version = p_version;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_silo
       SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     WHERE deployment_id = p_deployment_id AND address = p_address
       AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN true;
EXCEPTION WHEN serialization_failure THEN
    RETURN false;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleans_cluster_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING
        RETURNING 1)
    SELECT count(*) > 0 FROM created
$q$),
('InsertMembershipKey', $q$
    SELECT orleans_silo_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
                               @ProxyPort, @StartTime, @IAmAliveTime, @Version)
$q$),
('UpdateMembershipKey', $q$
    SELECT orleans_silo_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                               @IAmAliveTime, @Version)
$q$),
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleans_silo
       SET i_am_alive_time = @IAmAliveTime
     WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),
-- Both reads return the version row even when no silo matches: the provider needs the version to write.
('MembershipReadRowKey', $q$
    SELECT v.deployment_id AS "DeploymentId", s.address AS "Address", s.port AS "Port",
           s.generation AS "Generation", s.silo_name AS "SiloName", s.host_name AS "HostName",
           s.status AS "Status", s.proxy_port AS "ProxyPort", s.suspect_times AS "SuspectTimes",
           s.start_time AS "StartTime", s.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
      FROM orleans_cluster_version v
      LEFT JOIN orleans_silo s
        ON s.deployment_id = v.deployment_id AND s.address = @Address
       AND s.port = @Port AND s.generation = @Generation
     WHERE v.deployment_id = @DeploymentId
$q$),
('MembershipReadAllKey', $q$
    SELECT v.deployment_id AS "DeploymentId", s.address AS "Address", s.port AS "Port",
           s.generation AS "Generation", s.silo_name AS "SiloName", s.host_name AS "HostName",
           s.status AS "Status", s.proxy_port AS "ProxyPort", s.suspect_times AS "SuspectTimes",
           s.start_time AS "StartTime", s.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
      FROM orleans_cluster_version v
      LEFT JOIN orleans_silo s ON s.deployment_id = v.deployment_id
     WHERE v.deployment_id = @DeploymentId
$q$),
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleans_cluster_version WHERE deployment_id = @DeploymentId
$q$),
('GatewaysQueryKey', $q$
    SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
      FROM orleans_silo
     WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),
-- Only silos declared dead (status 6) and silent since the cut-off are forgotten.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleans_silo
     WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
