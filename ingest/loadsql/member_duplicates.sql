-- The same person twice among the members of one election, after the move: what members' primary key
-- guarded until schema v3. The checks before the commit make this impossible (duplicate_person within
-- a file, duplicate_key_across_files between files, replacement of every member row of the elections a
-- file carries), so a row here is a defect of electsum, and the load is refused rather than committed.
-- Only the elections this run wrote can have changed. Runs inside the transaction after replace.sql.
SELECT m.county, m.township, m.unit, m.year, m.body, m.person_key, count(*) AS n,
       min(m.source_file) AS first_file, max(m.source_file) AS last_file
FROM members m
JOIN stage_member_keys k USING (county, township, unit, year, body)
GROUP BY m.county, m.township, m.unit, m.year, m.body, m.person_key
HAVING count(*) > 1
ORDER BY m.county, m.township, m.unit, m.year, m.body, m.person_key
LIMIT 1
