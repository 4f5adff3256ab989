-- The whole-file checks on the staged members rows of every file (check.go does the
-- arithmetic and formats the messages), file by file in file order: for each row, the first row of its
-- file with the same person in the same county, body and year (duplicate_person when it is another row),
-- whether it is the first row of its election (no_result_row is reported once per election), and the
-- first results row of its file for that election (its 选举日期 for the ages, its 有效票数 for the
-- votes).
WITH m AS (
    SELECT *,
           first_value(source_row) OVER (PARTITION BY file_id, county, body, person_key, year ORDER BY seq) AS first_row,
           first_value(seq) OVER (PARTITION BY file_id, county, body, person_key, year ORDER BY seq) AS first_seq,
           first_value(seq) OVER (PARTITION BY file_id, county, township, unit, year, body ORDER BY seq) AS first_of_election
    FROM stage_members
), r AS (
    SELECT *
    FROM stage_elections
    QUALIFY seq = first_value(seq) OVER (PARTITION BY file_id, county, township, unit, year, body ORDER BY seq)
)
SELECT m.file_id, m.source_sheet, m.source_row, m.county, m.township, m.unit, m.year, m.body, m.name, m.birth,
       m.age, coalesce(m.id_number, ''), m.votes, coalesce(m.raw_birth, ''), coalesce(m.raw_age, ''),
       m.first_row, m.seq = m.first_seq AS is_first, m.seq = m.first_of_election AS first_of_election,
       r.seq IS NOT NULL AS has_result, r.election_date, r.valid_ballots, r.source_sheet, r.source_row
FROM m
LEFT JOIN r ON r.file_id = m.file_id AND r.county = m.county AND r.township = m.township AND r.unit = m.unit
    AND r.year = m.year AND r.body = m.body
ORDER BY m.file_id, m.seq
