-- Move the staged rows into the real tables. Runs inside the load's transaction.
--
-- Replacement is per table: a file replaces exactly the tables it carries for the elections it covers.
-- Its results rows replace the results rows of the same elections, its members the members of the same
-- elections; a members-only file never touches results, a results-only file never touches members. A
-- resubmitted file (stage_superseded) replaces everything the earlier file loaded, whatever it covers.
CREATE OR REPLACE TEMP TABLE stage_result_keys AS
    SELECT DISTINCT county, township, unit, year, body FROM stage_elections;
CREATE OR REPLACE TEMP TABLE stage_member_keys AS
    SELECT DISTINCT county, township, unit, year, body FROM stage_members;
CREATE OR REPLACE TEMP TABLE stage_keys AS
    SELECT * FROM stage_result_keys UNION SELECT * FROM stage_member_keys;

-- Warnings go with the rows they are about, so they are deleted while those rows still exist: every
-- warning of a file loaded again or superseded, the warnings on the replaced rows, and the warnings
-- between the two tables that the other table's new rows make stale.
DELETE FROM data_warnings w
WHERE w.source_file IN (SELECT source_file FROM stage_files UNION ALL SELECT source_file FROM stage_superseded)
   OR EXISTS (SELECT 1 FROM elections e JOIN stage_result_keys k USING (county, township, unit, year, body)
              WHERE e.source_file = w.source_file AND e.source_sheet = coalesce(w.sheet, '') AND e.source_row = w.row_number)
   OR EXISTS (SELECT 1 FROM members m JOIN stage_member_keys k USING (county, township, unit, year, body)
              WHERE m.source_file = w.source_file AND m.source_sheet = coalesce(w.sheet, '') AND m.source_row = w.row_number)
   OR (w.rule IN ('no_result_row', 'member_count_mismatch')
       AND (w.county, w.township, w.unit, w.year, w.body) IN (SELECT county, township, unit, year, body FROM stage_keys));

DELETE FROM elections WHERE source_file IN (SELECT source_file FROM stage_superseded);
DELETE FROM members WHERE source_file IN (SELECT source_file FROM stage_superseded);

DELETE FROM elections e USING stage_result_keys k
WHERE e.county = k.county AND e.township = k.township AND e.unit = k.unit AND e.year = k.year AND e.body = k.body;

DELETE FROM members m USING stage_member_keys k
WHERE m.county = k.county AND m.township = k.township AND m.unit = k.unit AND m.year = k.year AND m.body = k.body;

INSERT INTO elections (county, township, unit, year, body, term, method, registered, voted, proxy_votes,
        mobile_votes, valid_ballots, invalid_ballots, seats, candidates, elected, election_date, first_round,
        source_file, source_sheet, source_row,
        constituency_no, population, adults, away_home, away_workplace, away_missing, incapable, suspended,
        deprived, registered_women, registered_minority, registered_migrant, nominated_by_parties,
        nominated_by_voters, in_person_votes, round, excused)
SELECT county, township, unit, year, body, term, method, registered, voted, proxy_votes,
       mobile_votes, valid_ballots, invalid_ballots, seats, candidates, elected, election_date, first_round,
       source_file, source_sheet, source_row,
       constituency_no, population, adults, away_home, away_workplace, away_missing, incapable, suspended,
       deprived, registered_women, registered_minority, registered_migrant, nominated_by_parties,
       nominated_by_voters, in_person_votes, round, excused
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
