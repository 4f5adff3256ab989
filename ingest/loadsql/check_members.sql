-- The whole-file checks on the staged members rows of every file (check.go does the
-- arithmetic and formats the messages): for each row, the first row (and sheet) of its file with the same person in
-- the same county, body and year (duplicate_person when it is another row), whether it is the first row
-- of its election (no_result_row is reported once per election: staged as first_of_election), and the
-- first results row of its file for that election (its 选举日期 for the ages, its 有效票数 for the
-- votes).
--
-- "First" is the lowest seq (a row's place in its file). Rows are first grouped by one 64-bit hash of
-- the person's columns; only the rows whose hash repeats in their file (the same person twice, or a
-- rare collision) are grouped column by column (a window per partition sorted every row, and grouping
-- every row on the text columns cost as much: on a 1,048,575-row sheet most of this query's time). The
-- rows come in no particular order: check.go's problems are sorted by sheet and row afterwards
-- (fileParser.sortProblems).
WITH repeated AS (
    SELECT file_id, hash(county, body, person_key, year) AS h
    FROM stage_members
    GROUP BY ALL
    HAVING count(*) > 1
), p AS (
    SELECT file_id, county, body, person_key, year, min(seq) AS first_seq, arg_min(source_row, seq) AS first_row,
           arg_min(source_sheet, seq) AS first_sheet
    FROM stage_members
    WHERE (file_id, hash(county, body, person_key, year)) IN (SELECT file_id, h FROM repeated)
    GROUP BY ALL
), r AS (
    SELECT *
    FROM stage_elections
    QUALIFY seq = first_value(seq) OVER (PARTITION BY file_id, county, township, unit, year, body ORDER BY seq)
)
SELECT m.file_id, m.source_sheet, m.source_row, m.county, m.township, m.unit, m.year, m.body, m.name, m.birth,
       m.age, coalesce(m.id_number, ''), m.votes, coalesce(m.raw_birth, ''), coalesce(m.raw_age, ''),
       coalesce(p.first_row, m.source_row), coalesce(p.first_sheet, m.source_sheet), p.first_seq IS NULL OR m.seq = p.first_seq AS is_first,
       m.first_of_election, r.seq IS NOT NULL AS has_result, r.election_date, r.valid_ballots, r.source_sheet,
       r.source_row, m.valid_ballots
FROM stage_members m
LEFT JOIN p ON p.file_id = m.file_id AND p.county IS NOT DISTINCT FROM m.county AND p.body IS NOT DISTINCT FROM m.body
    AND p.person_key IS NOT DISTINCT FROM m.person_key AND p.year IS NOT DISTINCT FROM m.year
LEFT JOIN r ON r.file_id = m.file_id AND r.county = m.county AND r.township = m.township AND r.unit = m.unit
    AND r.year = m.year AND r.body = m.body
