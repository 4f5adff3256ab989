-- Staged rows whose 县(市、区) cell was blank and no --county was given, per file and township, with the
-- county they belong to by the one county rule: the county the database (or another file of this run)
-- holds for that township; else, when exactly one county is known at all, that one (assumed: the user
-- is told, and whether the database holds it or only other files of this run do); else none, and the
-- file is refused with a request for --county.
WITH blanks AS (
    SELECT file_id, township, min(source_sheet) AS sheet, min(source_row) AS row
    FROM (SELECT file_id, township, source_sheet, source_row FROM stage_elections WHERE county = ''
          UNION ALL
          SELECT file_id, township, source_sheet, source_row FROM stage_members WHERE county = ''
          UNION ALL
          SELECT file_id, township, source_sheet, source_row FROM stage_registration WHERE county = '')
    GROUP BY ALL
),
known AS (
    SELECT county, township FROM units WHERE county <> ''
    UNION
    SELECT county, township FROM stage_elections WHERE county <> ''
    UNION
    SELECT county, township FROM stage_members WHERE county <> ''
    UNION
    SELECT county, township FROM stage_registration WHERE county <> ''
),
by_township AS (
    SELECT township, min(county) AS county, count(DISTINCT county) AS n FROM known GROUP BY township
),
counties AS (
    SELECT min(county) AS county, count(DISTINCT county) AS n, string_agg(DISTINCT county, '、' ORDER BY county) AS names
    FROM known
)
SELECT b.file_id, b.township, b.sheet, b.row,
       CASE WHEN t.n = 1 THEN t.county WHEN t.n IS NULL AND c.n = 1 THEN c.county END AS county,
       t.n IS NULL AND c.n = 1 AS assumed,
       EXISTS (SELECT 1 FROM units u WHERE u.county = c.county) AS in_database,
       coalesce(CASE WHEN t.n > 1 THEN (SELECT string_agg(county, '、' ORDER BY county) FROM known k WHERE k.township = b.township) END,
                c.names, '') AS candidates
FROM blanks b
LEFT JOIN by_township t ON t.township = b.township
CROSS JOIN counties c
ORDER BY b.file_id, b.township
