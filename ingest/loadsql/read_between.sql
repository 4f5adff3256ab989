-- The warnings between tables that between_tables.sql found (kept in stage_between), for the report.
SELECT * FROM stage_between ORDER BY 1, 2, 3, 4
