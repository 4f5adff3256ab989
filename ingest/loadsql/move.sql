-- Move the staged rows into the real tables, after replace.sql. Runs inside the load's transaction.
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
        source_file, source_sheet, source_row, valid_ballots)
SELECT county, township, unit, year, body, name, position, gender, birth, age, ethnicity,
       party, education, reelected, id_number, wealth_leader, graduate_official, category, votes, person_key,
       source_file, source_sheet, source_row, valid_ballots
FROM stage_members;

INSERT INTO data_warnings (source_file, sheet, row_number, column_name, value, rule, message,
        county, township, unit, year, body)
SELECT source_file, sheet, row_number, column_name, value, rule, message, county, township, unit, year, body
FROM stage_warnings
ORDER BY source_file, sheet, row_number, column_name, rule;
