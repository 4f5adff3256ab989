-- The same election twice among the results rows, or the same person twice among the members of one
-- election: what the primary keys of elections (until schema v7) and members (until v3) guarded. The
-- checks before the commit make this impossible (duplicate_result and duplicate_person within a file,
-- duplicate_key_across_files between files), so a row here is a defect of electsum, and the load is
-- refused rather than committed. Runs inside the transaction after replace.sql deleted every results
-- row of the elections in stage_result_keys and every member row of those in stage_member_keys (in an
-- empty database there was none) and move.sql inserted the staged rows: the rows of those elections are
-- exactly the staged rows, so the staged rows are what is checked. Rows are first grouped by one 64-bit
-- hash of their key (a grouping on five or six text columns cost as much as the key did); only rows
-- whose hash repeats are compared column by column.
WITH repeated_results AS (
    SELECT hash(county, township, unit, year, body) AS h
    FROM stage_elections
    GROUP BY h
    HAVING count(*) > 1
), repeated_members AS (
    SELECT hash(county, township, unit, year, body, person_key) AS h
    FROM stage_members
    GROUP BY h
    HAVING count(*) > 1
), found AS (
    SELECT 'results' AS tab, county, township, unit, year, body, NULL AS person_key, count(*) AS n,
           min(source_file) AS first_file, max(source_file) AS last_file
    FROM stage_elections
    WHERE hash(county, township, unit, year, body) IN (SELECT h FROM repeated_results)
    GROUP BY county, township, unit, year, body
    HAVING count(*) > 1
    UNION ALL
    SELECT 'members', county, township, unit, year, body, person_key, count(*),
           min(source_file), max(source_file)
    FROM stage_members
    WHERE hash(county, township, unit, year, body, person_key) IN (SELECT h FROM repeated_members)
    GROUP BY county, township, unit, year, body, person_key
    HAVING count(*) > 1
)
SELECT tab, county, township, unit, year, body, person_key, n, first_file, last_file
FROM found
ORDER BY tab DESC, county, township, unit, year, body, person_key
LIMIT 1
