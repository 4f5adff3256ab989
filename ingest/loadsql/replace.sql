-- Move the staged rows into the real tables. Runs inside the load's transaction. Every election a
-- loaded file covers is replaced as a whole: its results row, its members and its warnings are deleted
-- first, so that a corrected file replaces what an earlier one said about the same elections.
CREATE OR REPLACE TEMP TABLE stage_keys AS
    SELECT DISTINCT county, township, unit, year, body FROM stage_elections
    UNION
    SELECT DISTINCT county, township, unit, year, body FROM stage_members;

DELETE FROM elections e USING stage_keys k
WHERE e.county = k.county AND e.township = k.township AND e.unit = k.unit AND e.year = k.year AND e.body = k.body;

DELETE FROM members m USING stage_keys k
WHERE m.county = k.county AND m.township = k.township AND m.unit = k.unit AND m.year = k.year AND m.body = k.body;

DELETE FROM data_warnings w
WHERE w.source_file IN (SELECT source_file FROM stage_files)
   OR EXISTS (SELECT 1 FROM stage_keys k
              WHERE w.county = k.county AND w.township = k.township AND w.unit = k.unit
                AND w.year = k.year AND w.body = k.body);

INSERT INTO elections (county, township, unit, year, body, term, method, registered, voted, proxy_votes,
        mobile_votes, valid_ballots, invalid_ballots, seats, candidates, elected, election_date, first_round,
        source_file, source_sheet, source_row)
SELECT county, township, unit, year, body, term, method, registered, voted, proxy_votes,
       mobile_votes, valid_ballots, invalid_ballots, seats, candidates, elected, election_date, first_round,
       source_file, source_sheet, source_row
FROM stage_elections;

INSERT INTO members (county, township, unit, year, body, name, position, gender, birth, age, ethnicity,
        party, education, reelected, id_number, wealth_leader, graduate_official, category, votes, person_key,
        source_file, source_sheet, source_row)
SELECT county, township, unit, year, body, name, position, gender, birth, age, ethnicity,
       party, education, reelected, id_number, wealth_leader, graduate_official, category, votes, person_key,
       source_file, source_sheet, source_row
FROM stage_members;

INSERT INTO data_warnings (source_file, sheet, row_number, column_name, value, rule, message,
        county, township, unit, year, body)
SELECT source_file, sheet, row_number, column_name, value, rule, message, county, township, unit, year, body
FROM stage_warnings
ORDER BY source_file, sheet, row_number, column_name, rule;

INSERT INTO units (county, township, unit, kind)
SELECT DISTINCT k.county, k.township, k.unit, NULL
FROM stage_keys k
WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.county = k.county AND u.township = k.township AND u.unit = k.unit)
ORDER BY 1, 2, 3;

-- A unit's kind follows from what is elected there over all loaded years: a 居民委员会 or 社区党组织
-- makes it a 社区, a 村民委员会, 村党组织 or 村务监督委员会 a 村, people's deputies alone a 选区.
UPDATE units SET kind = d.kind
FROM (
    SELECT county, township, unit,
           CASE WHEN bool_or(body IN ('社区党组织', '居民委员会')) THEN '社区'
                WHEN bool_or(body IN ('村党组织', '村民委员会', '村务监督委员会')) THEN '村'
                WHEN bool_or(body IN ('县级人大代表', '乡级人大代表')) THEN '选区'
           END AS kind
    FROM (SELECT county, township, unit, body FROM elections
          UNION ALL
          SELECT county, township, unit, body FROM members) b
    WHERE (county, township, unit) IN (SELECT county, township, unit FROM stage_keys)
    GROUP BY county, township, unit
) d
WHERE units.county = d.county AND units.township = d.township AND units.unit = d.unit
  AND d.kind IS NOT NULL AND units.kind IS DISTINCT FROM d.kind;
