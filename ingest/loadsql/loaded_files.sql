-- Which file loaded the rows now in the database, with the counties, townships and years of its rows:
-- a new file of the same name from the same township (of the same county) and year is a resubmission
-- that replaces all of them. With each file, the content (sha256) it was last loaded with: the same
-- content under the same name is the same file, also from another path (the web page keeps each upload
-- in a folder of its own), so that loading it again with another county replaces what it loaded.
SELECT r.source_file, r.county, r.township, r.year, coalesce(h.sha256, '') AS sha256
FROM (SELECT source_file, county, township, year FROM elections
      UNION
      SELECT source_file, county, township, year FROM members) r
LEFT JOIN (SELECT path, arg_max(sha256, id) AS sha256 FROM ingest_log WHERE outcome = 'loaded' GROUP BY path) h
  ON h.path = r.source_file
ORDER BY 1, 2, 3, 4
