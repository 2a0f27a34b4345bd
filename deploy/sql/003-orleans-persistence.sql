-- Grain state for the ADO.NET grain storage provider. The payload is whatever the configured grain-state
-- serializer produced (UTF-8 JSON with the System.Text.Json serializer the silo uses).
-- version is the ETag: a write must present the version it read, and gets the next one back.

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id      text        NOT NULL,
    grain_type_hash integer     NOT NULL,
    grain_id_hash   integer     NOT NULL,
    grain_type      text        NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    grain_id_ext    text        NULL,
    payload         bytea       NULL,
    version         integer     NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),
    -- grain_id_ext is NULL for integer and guid keys without extension; NULLs must still collide.
    CONSTRAINT orleans_grain_state_identity UNIQUE NULLS NOT DISTINCT
        (service_id, grain_type_hash, grain_id_hash, grain_type, grain_id_n0, grain_id_n1, grain_id_ext)
);

-- Returns the new version, or NULL when the caller's version is stale (the provider then reports a conflict).
CREATE OR REPLACE FUNCTION orleans_grain_state_write(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type text, p_grain_id_ext text, p_service_id text, p_version integer, p_payload bytea)
RETURNS integer
LANGUAGE plpgsql AS
$fn$
DECLARE
    v_new integer;
BEGIN
    IF p_version IS NULL THEN
        -- First write of this grain: exactly one of two racing activations wins the insert.
        INSERT INTO orleans_grain_state (service_id, grain_type_hash, grain_id_hash, grain_type,
                                         grain_id_n0, grain_id_n1, grain_id_ext, payload, version)
        VALUES (p_service_id, p_grain_type_hash, p_grain_id_hash, p_grain_type,
                p_grain_id_n0, p_grain_id_n1, p_grain_id_ext, p_payload, 1)
        ON CONFLICT ON CONSTRAINT orleans_grain_state_identity DO NOTHING
        RETURNING version INTO v_new;
    ELSE
        UPDATE orleans_grain_state
           SET payload = p_payload, version = version + 1, modified_at = now()
         WHERE service_id = p_service_id AND grain_type_hash = p_grain_type_hash
           AND grain_id_hash = p_grain_id_hash AND grain_type = p_grain_type
           AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
           AND grain_id_ext IS NOT DISTINCT FROM p_grain_id_ext
           AND version = p_version
        RETURNING version INTO v_new;
    END IF;
    RETURN v_new;
END
$fn$;

-- Clear keeps the row (payload NULL) so the version keeps counting; returns the caller's own version
-- when it is stale, which the provider reports as a conflict.
CREATE OR REPLACE FUNCTION orleans_grain_state_clear(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type text, p_grain_id_ext text, p_service_id text, p_version integer, p_delete boolean)
RETURNS integer
LANGUAGE plpgsql AS
$fn$
DECLARE
    v_new integer;
BEGIN
    IF p_delete THEN
        DELETE FROM orleans_grain_state
         WHERE service_id = p_service_id AND grain_type_hash = p_grain_type_hash
           AND grain_id_hash = p_grain_id_hash AND grain_type = p_grain_type
           AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
           AND grain_id_ext IS NOT DISTINCT FROM p_grain_id_ext
           AND version = p_version
        RETURNING version + 1 INTO v_new;
    ELSE
        UPDATE orleans_grain_state
           SET payload = NULL, version = version + 1, modified_at = now()
         WHERE service_id = p_service_id AND grain_type_hash = p_grain_type_hash
           AND grain_id_hash = p_grain_id_hash AND grain_type = p_grain_type
           AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
           AND grain_id_ext IS NOT DISTINCT FROM p_grain_id_ext
           AND version = p_version
        RETURNING version INTO v_new;
    END IF;
    RETURN coalesce(v_new, p_version);
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
    SELECT payload AS "PayloadBinary", version AS "Version"
      FROM orleans_grain_state
     WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
       AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
       AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),
('WriteToStorageKey', $q$
    SELECT orleans_grain_state_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                                     @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
           AS "NewGrainStateVersion"
$q$),
('ClearStorageKey', $q$
    SELECT orleans_grain_state_clear(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                                     @GrainIdExtensionString, @ServiceId, @GrainStateVersion, false)
           AS "NewGrainStateVersion"
$q$),
('DeleteStorageKey', $q$
    SELECT orleans_grain_state_clear(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                                     @GrainIdExtensionString, @ServiceId, @GrainStateVersion, true)
           AS "NewGrainStateVersion"
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
