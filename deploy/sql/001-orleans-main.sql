-- The Orleans ADO.NET providers read every statement they run from this table, by key.
-- Every script below upserts its keys, so re-running a script repairs a changed or missing query.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
