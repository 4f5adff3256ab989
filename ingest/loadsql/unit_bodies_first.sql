-- unit_bodies.sql for a load into a database that held no rows: every row there is now one of the load's,
-- moved from the staging tables, so the bodies of its units are those stage_keys lists, and the rows need
-- not be grouped again (a 40–50 ms query of the people's congress set's 50,063 rows; this one 10 ms).
-- A key without its county, township or unit is left out as unit_bodies.sql's IN leaves it out.
WITH unit_bodies AS (
    SELECT county, township, unit, body
    FROM stage_keys
    WHERE county IS NOT NULL AND township IS NOT NULL AND unit IS NOT NULL
)
