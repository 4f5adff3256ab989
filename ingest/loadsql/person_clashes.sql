-- The same person on the same body in the same year in two units, named by two staged files of the same
-- run. Within one unit the election itself is doubled, which key_clashes.sql reports. Only rows whose
-- year, body and person_key are shared with another row can pair: they are found first by one 64-bit hash
-- of the three columns (duplicates.sql does the same), so that the join of text columns runs over
-- them alone — in most runs none.
WITH repeated AS (
    SELECT hash(year, body, person_key) AS h
    FROM stage_members
    GROUP BY h
    HAVING count(*) > 1
), candidates AS (
    SELECT file_id, county, township, unit, year, body, person_key, name, source_row
    FROM stage_members
    WHERE hash(year, body, person_key) IN (SELECT h FROM repeated)
)
SELECT a.file_id, b.file_id, a.name, a.year, a.body, a.source_row, b.source_row
FROM candidates a
JOIN candidates b ON a.year = b.year AND a.body = b.body AND a.person_key = b.person_key
WHERE a.file_id < b.file_id
  AND (a.county, a.township, a.unit) IS DISTINCT FROM (b.county, b.township, b.unit)
ORDER BY a.file_id, b.file_id, a.source_row, b.source_row
