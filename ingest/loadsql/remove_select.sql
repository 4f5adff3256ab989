-- What electsum remove takes away (results, members and 选民登记 rows), chosen by the one row of
-- remove_selection (a NULL column matches anything; file matches a source_file as loaded or its file name,
-- and a .zip every file loaded from it, 青石镇.zip/东山村.xlsx). Runs inside the removal's transaction,
-- before anything is deleted, so that the preview shows exactly what remove.sql deletes.
-- remove_rows(tbl): the rows of tbl (elections or members) that remove_selection chooses.
CREATE OR REPLACE TEMP MACRO remove_rows(tbl) AS TABLE
SELECT r.county, r.township, r.unit, r.year, r.body, r.source_file, r.source_sheet, r.source_row
FROM query_table(tbl) r, remove_selection s
WHERE (s.county IS NULL OR r.county = s.county)
  AND (s.township IS NULL OR r.township = s.township)
  AND (s.year IS NULL OR r.year = s.year)
  AND (s.body IS NULL OR r.body = s.body)
  AND (s.file IS NULL OR r.source_file = s.file OR regexp_extract(r.source_file, '[^/\\]*$') = s.file
       OR lower(s.file) LIKE '%.zip' AND (starts_with(r.source_file, s.file || '/') OR contains(r.source_file, '/' || s.file || '/')));

CREATE OR REPLACE TEMP TABLE remove_elections AS FROM remove_rows('elections');
CREATE OR REPLACE TEMP TABLE remove_members AS FROM remove_rows('members');
CREATE OR REPLACE TEMP TABLE remove_registrations AS FROM remove_rows('registrations');

-- The results rows that stay but give back the figures a removed 选民登记 row gave them
-- (registration_unfill.sql).
CREATE OR REPLACE TEMP TABLE unfill_elections AS
SELECT DISTINCT e.county, e.township, e.unit, e.year, e.body
FROM elections e
JOIN remove_registrations r ON r.county = e.county AND r.township = e.township AND r.unit = e.unit AND r.year = e.year
    AND registers(r.body, e.body)
WHERE e.registration_fields IS NOT NULL
  AND (e.county, e.township, e.unit, e.year, e.body) NOT IN (SELECT county, township, unit, year, body FROM remove_elections);

CREATE OR REPLACE TEMP TABLE remove_keys AS
SELECT county, township, unit, year, body FROM remove_elections
UNION
SELECT county, township, unit, year, body FROM remove_members;

-- Per file: the rows it loaded that go, and whether that is all it still had in the database.
CREATE OR REPLACE TEMP TABLE remove_files AS
WITH r AS (
    SELECT source_file, count(*) FILTER (WHERE tab = 'results') AS results,
           count(*) FILTER (WHERE tab = 'members') AS members,
           count(*) FILTER (WHERE tab = 'registrations') AS registrations
    FROM (SELECT source_file, 'results' AS tab FROM remove_elections
          UNION ALL
          SELECT source_file, 'members' AS tab FROM remove_members
          UNION ALL
          SELECT source_file, 'registrations' AS tab FROM remove_registrations)
    GROUP BY source_file
)
SELECT r.source_file, r.results, r.members, r.registrations,
       r.results = (SELECT count(*) FROM elections e WHERE e.source_file = r.source_file)
       AND r.members = (SELECT count(*) FROM members m WHERE m.source_file = r.source_file)
       AND r.registrations = (SELECT count(*) FROM registrations g WHERE g.source_file = r.source_file) AS whole
FROM r;

-- Warnings go with what they are about: the removed rows, the removed elections, and every warning of
-- a file none of whose rows stay.
CREATE OR REPLACE TEMP TABLE remove_warnings AS
SELECT w.rowid AS rid
FROM data_warnings w
WHERE EXISTS (SELECT 1 FROM remove_elections r
              WHERE r.source_file = w.source_file AND r.source_sheet = coalesce(w.sheet, '') AND r.source_row = w.row_number)
   OR EXISTS (SELECT 1 FROM remove_members r
              WHERE r.source_file = w.source_file AND r.source_sheet = coalesce(w.sheet, '') AND r.source_row = w.row_number)
   OR EXISTS (SELECT 1 FROM remove_registrations r
              WHERE r.source_file = w.source_file AND r.source_sheet = coalesce(w.sheet, '') AND r.source_row = w.row_number)
   OR (w.county, w.township, w.unit, w.year, w.body) IN (SELECT county, township, unit, year, body FROM remove_keys)
   OR w.source_file IN (SELECT source_file FROM remove_files WHERE whole)
   OR (w.rule = 'registration_mismatch'
       AND (w.county, w.township, w.unit, w.year, w.body) IN (SELECT county, township, unit, year, body FROM unfill_elections));
