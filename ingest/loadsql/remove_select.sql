-- What electsum remove takes away, chosen by the one row of remove_selection (a NULL column matches
-- anything; file matches a source_file as loaded or its file name). Runs inside the removal's
-- transaction, before anything is deleted, so that the preview shows exactly what remove.sql deletes.
CREATE OR REPLACE TEMP TABLE remove_elections AS
SELECT e.county, e.township, e.unit, e.year, e.body, e.source_file, e.source_sheet, e.source_row
FROM elections e, remove_selection s
WHERE (s.county IS NULL OR e.county = s.county)
  AND (s.township IS NULL OR e.township = s.township)
  AND (s.year IS NULL OR e.year = s.year)
  AND (s.body IS NULL OR e.body = s.body)
  AND (s.file IS NULL OR e.source_file = s.file OR regexp_extract(e.source_file, '[^/\\]*$') = s.file);

CREATE OR REPLACE TEMP TABLE remove_members AS
SELECT m.county, m.township, m.unit, m.year, m.body, m.source_file, m.source_sheet, m.source_row
FROM members m, remove_selection s
WHERE (s.county IS NULL OR m.county = s.county)
  AND (s.township IS NULL OR m.township = s.township)
  AND (s.year IS NULL OR m.year = s.year)
  AND (s.body IS NULL OR m.body = s.body)
  AND (s.file IS NULL OR m.source_file = s.file OR regexp_extract(m.source_file, '[^/\\]*$') = s.file);

CREATE OR REPLACE TEMP TABLE remove_keys AS
SELECT county, township, unit, year, body FROM remove_elections
UNION
SELECT county, township, unit, year, body FROM remove_members;

-- Per file: the rows it loaded that go, and whether that is all it still had in the database.
CREATE OR REPLACE TEMP TABLE remove_files AS
WITH r AS (
    SELECT source_file, count(*) FILTER (WHERE tab = 'results') AS results,
           count(*) FILTER (WHERE tab = 'members') AS members
    FROM (SELECT source_file, 'results' AS tab FROM remove_elections
          UNION ALL
          SELECT source_file, 'members' AS tab FROM remove_members)
    GROUP BY source_file
)
SELECT r.source_file, r.results, r.members,
       r.results = (SELECT count(*) FROM elections e WHERE e.source_file = r.source_file)
       AND r.members = (SELECT count(*) FROM members m WHERE m.source_file = r.source_file) AS whole
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
   OR (w.county, w.township, w.unit, w.year, w.body) IN (SELECT county, township, unit, year, body FROM remove_keys)
   OR w.source_file IN (SELECT source_file FROM remove_files WHERE whole);
