-- Staging tables for one ingest run, private to the loader's connection. Rows are bulk-appended here
-- while files are still being read (the Appender writes outside any transaction), and are moved into the
-- real tables by move.sql in one transaction once every file has been checked, so that a failure at
-- any point leaves the database as it was. file_id is the file's index in the run, so the rows of a
-- file rejected late (a clash with another file) can be dropped before the move.
CREATE OR REPLACE TEMP TABLE stage_elections (
    file_id INTEGER NOT NULL,
    county VARCHAR, township VARCHAR, unit VARCHAR, year INTEGER, body VARCHAR,
    term INTEGER, method VARCHAR, registered INTEGER, voted INTEGER, proxy_votes INTEGER,
    mobile_votes INTEGER, valid_ballots INTEGER, invalid_ballots INTEGER, seats INTEGER,
    candidates INTEGER, elected INTEGER, election_date DATE, first_round BOOLEAN,
    source_file VARCHAR, source_sheet VARCHAR, source_row INTEGER,
    constituency_no VARCHAR, population INTEGER, adults INTEGER, away_home INTEGER, away_workplace INTEGER,
    away_missing INTEGER, incapable INTEGER, suspended INTEGER, deprived INTEGER, registered_women INTEGER,
    registered_minority INTEGER, registered_migrant INTEGER, nominated_by_parties INTEGER,
    nominated_by_voters INTEGER, in_person_votes INTEGER, round VARCHAR,
    seq BIGINT, -- the row's place in its file (sheet, then row): "the first row" of the whole-file checks
    excused INTEGER
);
-- The rows of 选民登记 sheets (registrationRow): kept in registrations and merged into the results rows
-- of their places (registration_merge.sql) once registration_check.sql found nothing wrong. body is NULL when the sheet
-- gives no level.
CREATE OR REPLACE TEMP TABLE stage_registration (
    file_id INTEGER NOT NULL,
    county VARCHAR, township VARCHAR, unit VARCHAR, year INTEGER, body VARCHAR,
    constituency_no VARCHAR, registered INTEGER, population INTEGER, adults INTEGER, away_home INTEGER,
    away_workplace INTEGER, away_missing INTEGER, incapable INTEGER, suspended INTEGER, deprived INTEGER,
    registered_women INTEGER, registered_minority INTEGER, registered_migrant INTEGER,
    source_file VARCHAR, source_sheet VARCHAR, source_row INTEGER,
    seq BIGINT
);
-- The rows of earlier loads that the run's 选民登记 and results rows are checked against
-- (registration_stored.sql fills them; empty for a file checked on its own, ParseFile): stored
-- 选民登记 rows, and stored results rows with their own figures (those a 选民登记 row gave left out).
CREATE OR REPLACE TEMP TABLE stored_registrations (
    county VARCHAR, township VARCHAR, unit VARCHAR, year INTEGER, body VARCHAR,
    constituency_no VARCHAR, registered INTEGER, population INTEGER, adults INTEGER, away_home INTEGER,
    away_workplace INTEGER, away_missing INTEGER, incapable INTEGER, suspended INTEGER, deprived INTEGER,
    registered_women INTEGER, registered_minority INTEGER, registered_migrant INTEGER,
    source_file VARCHAR, source_sheet VARCHAR, source_row INTEGER
);
-- The stored 选民登记 rows waiting for their results that the run's results name another way
-- (moveWaitingRegistrations): their place (county … year), the results' (to_*), and the results row that
-- first names it and the stored file (the notice's).
CREATE OR REPLACE TEMP TABLE stage_registration_moves (
    county VARCHAR, township VARCHAR, unit VARCHAR, year INTEGER, to_township VARCHAR, to_unit VARCHAR,
    file_id INTEGER, source_sheet VARCHAR, source_row INTEGER, body VARCHAR, stored_file VARCHAR
);
CREATE OR REPLACE TEMP TABLE stored_elections (
    county VARCHAR, township VARCHAR, unit VARCHAR, year INTEGER, body VARCHAR,
    registered INTEGER, population INTEGER, adults INTEGER, away_home INTEGER, away_workplace INTEGER,
    away_missing INTEGER, incapable INTEGER, suspended INTEGER, deprived INTEGER, registered_women INTEGER,
    registered_minority INTEGER, registered_migrant INTEGER, voted INTEGER,
    source_file VARCHAR, source_sheet VARCHAR, source_row INTEGER
);
CREATE OR REPLACE TEMP TABLE stage_members (
    file_id INTEGER NOT NULL,
    county VARCHAR, township VARCHAR, unit VARCHAR, year INTEGER, body VARCHAR,
    name VARCHAR, position VARCHAR, gender VARCHAR, birth DATE, age INTEGER, ethnicity VARCHAR,
    party VARCHAR, education VARCHAR, reelected BOOLEAN, id_number VARCHAR, wealth_leader BOOLEAN,
    graduate_official BOOLEAN, category VARCHAR, votes INTEGER, person_key VARCHAR,
    source_file VARCHAR, source_sheet VARCHAR, source_row INTEGER,
    seq BIGINT,
    raw_birth VARCHAR, raw_age VARCHAR, -- 出生年月 and 年龄 as written, for the messages of the whole-file checks
    first_of_election BOOLEAN, -- the first row of its file for its election (the loader keeps the elections it saw)
    valid_ballots INTEGER -- 有效票数 of the ballot that elected the person, when the roster gives it
);
CREATE OR REPLACE TEMP TABLE stage_warnings (
    file_id INTEGER NOT NULL,
    source_file VARCHAR, sheet VARCHAR, row_number INTEGER, column_name VARCHAR, value VARCHAR,
    rule VARCHAR, message VARCHAR,
    county VARCHAR, township VARCHAR, unit VARCHAR, year INTEGER, body VARCHAR
);
CREATE OR REPLACE TEMP TABLE stage_files (
    file_id INTEGER NOT NULL,
    source_file VARCHAR NOT NULL
);
CREATE OR REPLACE TEMP TABLE stage_log (
    seq INTEGER NOT NULL,
    path VARCHAR, sha256 VARCHAR, result_rows INTEGER, member_rows INTEGER, ingested_at TIMESTAMP,
    outcome VARCHAR, message VARCHAR, registration_rows INTEGER
);
-- Earlier files whose rows a file of this run replaces as a whole: a resubmission (the same file name
-- from the same township and year) or a file named by --replaces. Filled just before the move.
CREATE OR REPLACE TEMP TABLE stage_superseded (
    file_id INTEGER NOT NULL,
    source_file VARCHAR NOT NULL
);
