-- Schema v7: elections loses its primary key (county, township, unit, year, body), as members did in
-- v3. The index over five text columns cost every load twice, when the rows were moved in and when the
-- commit wrote it out: 15 and 25–30 ms of the people's congress set's load (17,085 results rows), a
-- twentieth of the whole. It guarded nothing the load does not check itself: a file's own repeated
-- elections are refused when it is read (duplicate_result), two files of a run that carry the same
-- election clash (duplicate_key_across_files), a load replaces every results row of the elections it
-- carries, and the load checks inside its transaction that the elections it wrote are there once each
-- (loadsql/duplicates.sql), refusing the commit otherwise. DuckDB cannot drop a primary key, so the
-- table is rebuilt with the same columns (as v1–v6 describe them), in the same order, and its rows
-- copied over.
CREATE TABLE elections_new (
    county               VARCHAR NOT NULL,
    township             VARCHAR NOT NULL,
    unit                 VARCHAR NOT NULL,
    year                 INTEGER NOT NULL,
    body                 VARCHAR NOT NULL,
    term                 INTEGER,
    method               VARCHAR,
    registered           INTEGER,
    voted                INTEGER,
    proxy_votes          INTEGER,
    mobile_votes         INTEGER,
    valid_ballots        INTEGER,
    invalid_ballots      INTEGER,
    seats                INTEGER,
    candidates           INTEGER,
    elected              INTEGER,
    election_date        DATE,
    first_round          BOOLEAN,
    source_file          VARCHAR NOT NULL,
    source_sheet         VARCHAR NOT NULL,
    source_row           INTEGER NOT NULL,
    constituency_no      VARCHAR,
    population           INTEGER,
    adults               INTEGER,
    away_home            INTEGER,
    away_workplace       INTEGER,
    away_missing         INTEGER,
    incapable            INTEGER,
    suspended            INTEGER,
    deprived             INTEGER,
    registered_women     INTEGER,
    registered_minority  INTEGER,
    registered_migrant   INTEGER,
    nominated_by_parties INTEGER,
    nominated_by_voters  INTEGER,
    in_person_votes      INTEGER,
    round                VARCHAR,
    excused              INTEGER,
    registration_fields  VARCHAR[]
);
INSERT INTO elections_new SELECT * FROM elections;
DROP TABLE elections;
ALTER TABLE elections_new RENAME TO elections;
