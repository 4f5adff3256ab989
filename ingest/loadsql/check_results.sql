-- The whole-file checks on the staged results rows of every file (check.go formats
-- the messages), file by file in file order: for each row, the first row of its file with the same
-- election, its row and sheet (duplicate_result when it is another row) and how many members rows its file has for that
-- election (member_count_mismatch).
WITH r AS (
    SELECT file_id, source_sheet, source_row, seq, county, township, unit, year, body, elected,
           first_value(source_row) OVER (PARTITION BY file_id, county, township, unit, year, body ORDER BY seq) AS first_row,
           first_value(source_sheet) OVER (PARTITION BY file_id, county, township, unit, year, body ORDER BY seq) AS first_sheet,
           first_value(seq) OVER (PARTITION BY file_id, county, township, unit, year, body ORDER BY seq) AS first_seq
    FROM stage_elections
), n AS (
    SELECT file_id, county, township, unit, year, body, count(*) AS members
    FROM stage_members
    GROUP BY ALL
)
SELECT r.file_id, r.source_sheet, r.source_row, r.county, r.township, r.unit, r.year, r.body, r.elected,
       r.first_row, r.first_sheet, r.seq = r.first_seq AS is_first, coalesce(n.members, 0) AS members
FROM r
LEFT JOIN n ON n.file_id = r.file_id AND n.county = r.county AND n.township = r.township AND n.unit = r.unit
    AND n.year = r.year AND n.body = r.body
ORDER BY r.file_id, r.seq
