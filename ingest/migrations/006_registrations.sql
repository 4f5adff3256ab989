-- Schema v6: the rows of 选民登记 tables are kept, so that a 选民登记 table and the 选区情况 (results) table
-- of its 选区 may be loaded in either order, in one run or in several. Each results row still holds the
-- figures a 选民登记 row gave it (what reads elections is unchanged); registration_fields names them, so
-- that removing or replacing the 选民登记 table takes back exactly those, and a results row loaded later
-- is given them from here. Rows loaded before v6 have no registrations row: their figures stay as merged.

-- One row per 选民登记 row: its place and year, its level (NULL: not given, the registration of every
-- election whose voters it registers, registers() in registers.sql) and its figures as read.
CREATE TABLE registrations (
    county              VARCHAR NOT NULL,
    township            VARCHAR NOT NULL,
    unit                VARCHAR NOT NULL,
    year                INTEGER NOT NULL,
    body                VARCHAR,
    constituency_no     VARCHAR,
    registered          INTEGER,
    population          INTEGER,
    adults              INTEGER,
    away_home           INTEGER,
    away_workplace      INTEGER,
    away_missing        INTEGER,
    incapable           INTEGER,
    suspended           INTEGER,
    deprived            INTEGER,
    registered_women    INTEGER,
    registered_minority INTEGER,
    registered_migrant  INTEGER,
    source_file         VARCHAR NOT NULL,
    source_sheet        VARCHAR NOT NULL,
    source_row          INTEGER NOT NULL
);
-- The columns of a results row that a 选民登记 row filled (registered, population …; NULL: none).
ALTER TABLE elections ADD COLUMN registration_fields VARCHAR[];
-- The 选民登记 rows a file loaded, as result_rows and member_rows count the others (NULL before v6).
ALTER TABLE ingest_log ADD COLUMN registration_rows INTEGER;
