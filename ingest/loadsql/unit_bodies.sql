-- The bodies elected in the units of stage_keys, in every row of the database: what units.sql, which
-- follows this (it is its WITH clause, without a statement of its own), takes each unit's kind from.
WITH unit_bodies AS (
    SELECT county, township, unit, body
    FROM (SELECT county, township, unit, body FROM elections
          UNION ALL
          SELECT county, township, unit, body FROM members)
    WHERE (county, township, unit) IN (SELECT county, township, unit FROM stage_keys)
)
