-- The checks a file makes between its two sheets, made across files for the elections this run touched,
-- over what the database holds after the move: a members file whose elections have no results row
-- anywhere (this run or the database), and an election whose 当选人数 differs from the members loaded
-- for it, when results and members come from different files (a CSV holds one table). Runs inside the
-- transaction after the move (move.sql). A file that carries both tables checked its own elections already. The rows
-- go to stage_between unsorted: read_between.sql and store_between.sql give them in the report's order.
WITH sm AS (
    SELECT file_id, county, township, unit, year, body, min(source_sheet) AS sheet, min(source_row) AS row
    FROM stage_members
    GROUP BY ALL
),
m AS (
    -- Only the elections that have a results row can differ from their members' count: on a members-only
    -- sheet of 1,048,574 rows, counting the members of every election (a group over every row, without
    -- a results row to compare with) was half of this query.
    SELECT county, township, unit, year, body, count(*) AS n,
           count(DISTINCT source_file) AS files, min(source_file) AS source_file
    FROM members
    WHERE (county, township, unit, year, body) IN (SELECT county, township, unit, year, body
                                                   FROM stage_keys JOIN elections USING (county, township, unit, year, body))
    GROUP BY ALL
)
SELECT sm.file_id, sm.sheet, sm.row, 'no_result_row' AS rule,
       sm.county, sm.township, sm.unit, sm.year, sm.body, NULL::INTEGER AS elected, NULL::BIGINT AS n
FROM sm
WHERE sm.file_id NOT IN (SELECT file_id FROM stage_elections)
  AND NOT EXISTS (SELECT 1 FROM elections e
                  WHERE e.county = sm.county AND e.township = sm.township AND e.unit = sm.unit
                    AND e.year = sm.year AND e.body = sm.body)
UNION ALL
SELECT coalesce(se.file_id, sm.file_id), coalesce(se.source_sheet, sm.sheet), coalesce(se.source_row, sm.row),
       'member_count_mismatch', e.county, e.township, e.unit, e.year, e.body, e.elected, m.n
FROM elections e
JOIN m ON m.county = e.county AND m.township = e.township AND m.unit = e.unit AND m.year = e.year AND m.body = e.body
LEFT JOIN stage_elections se
       ON se.county = e.county AND se.township = e.township AND se.unit = e.unit AND se.year = e.year AND se.body = e.body
LEFT JOIN sm ON sm.county = e.county AND sm.township = e.township AND sm.unit = e.unit AND sm.year = e.year AND sm.body = e.body
WHERE e.elected <> m.n
  AND (m.files > 1 OR m.source_file <> e.source_file)
  AND (se.file_id IS NOT NULL OR sm.file_id IS NOT NULL)
