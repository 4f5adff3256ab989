-- Whether the database holds rows that a load may replace (replace.sql, replaced.sql): in an empty one,
-- the first load of a county, their statements change and count nothing, and are not run, and units.sql
-- inserts its units without units_update.sql (none is there to update).
SELECT EXISTS (SELECT 1 FROM elections) OR EXISTS (SELECT 1 FROM members) OR EXISTS (SELECT 1 FROM data_warnings)
    OR EXISTS (SELECT 1 FROM units)
