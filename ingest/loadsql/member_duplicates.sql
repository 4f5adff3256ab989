-- The same person twice among the members of one election: what members' primary key guarded until
-- schema v3. The checks before the commit make this impossible (duplicate_person within a file,
-- duplicate_key_across_files between files), so a row here is a defect of electsum, and the load is
-- refused rather than committed. Runs inside the transaction after replace.sql deleted every member row
-- of the elections in stage_member_keys (in an empty database there was none) and move.sql inserted
-- stage_members: the members of those elections are exactly the staged rows, so the staged rows are what is checked. Rows are first grouped
-- by one 64-bit hash of the six columns (a grouping on six text columns cost as much as the key did);
-- only rows whose hash repeats are compared column by column.
WITH repeated AS (
    SELECT hash(county, township, unit, year, body, person_key) AS h
    FROM stage_members
    GROUP BY h
    HAVING count(*) > 1
)
SELECT county, township, unit, year, body, person_key, count(*) AS n,
       min(source_file) AS first_file, max(source_file) AS last_file
FROM stage_members
WHERE hash(county, township, unit, year, body, person_key) IN (SELECT h FROM repeated)
GROUP BY county, township, unit, year, body, person_key
HAVING count(*) > 1
ORDER BY county, township, unit, year, body, person_key
LIMIT 1
