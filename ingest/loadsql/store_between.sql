-- Store the warnings between tables (stage_between, from between_tables.sql) in data_warnings, inside the
-- load's transaction, in the order the report gives them. $1 and $2 are the messages of no_result_row and
-- member_count_mismatch as printf formats (between.go): the election's township (left out when the unit's
-- name starts with it, as keyText does), unit, year and body, then for a count its 当选人数 and the members
-- loaded. An empty sheet and row 0 mean none.
INSERT INTO data_warnings (source_file, sheet, row_number, column_name, value, rule, message,
        county, township, unit, year, body)
SELECT f.source_file, nullif(b.sheet, ''), nullif(b.row, 0), NULL,
       CASE WHEN b.rule = 'no_result_row' THEN b.unit ELSE CAST(coalesce(b.elected, 0) AS VARCHAR) END,
       b.rule,
       CASE WHEN b.rule = 'no_result_row' THEN printf($1, b.shown_township, b.unit, b.year, b.body)
            ELSE printf($2, b.shown_township, b.unit, b.year, b.body, coalesce(b.elected, 0), coalesce(b.n, 0)) END,
       b.county, b.township, b.unit, b.year, b.body
FROM (SELECT *, CASE WHEN starts_with(unit, township) THEN '' ELSE township END AS shown_township
      FROM stage_between) b
JOIN stage_files f USING (file_id)
ORDER BY b.file_id, b.sheet, b.row, b.rule
