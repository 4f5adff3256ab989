-- Which file loaded the rows now in the database (results, members, 选民登记), with the counties, townships and years of its rows:
-- a new file of the same name from the same township (of the same county) and year is a resubmission
-- that replaces all of them. With each file, the content (sha256) it was last loaded with: the same
-- content under the same name is the same file, also from another path (the web page keeps each upload
-- in a folder of its own), so that loading it again with another county replaces what it loaded. A
-- relative source_file (as typed) is matched to the absolute path the log keeps by its tail, as in
-- current_hashes.sql; two logged files of one tail give the newest's content.
SELECT r.source_file, r.county, r.township, r.year, coalesce(h.sha256, '') AS sha256
FROM (SELECT source_file, county, township, year FROM elections
      UNION
      SELECT source_file, county, township, year FROM members
      UNION
      SELECT source_file, county, township, year FROM registrations) r
LEFT JOIN (SELECT path, arg_max(sha256, id) AS sha256, max(id) AS id FROM ingest_log WHERE outcome = 'loaded' GROUP BY path) h
  ON (r.source_file = h.path
       OR suffix(h.path, '/' || regexp_replace(r.source_file, '^(\.\.?[/\\])+', ''))
       OR suffix(h.path, '\' || regexp_replace(r.source_file, '^(\.\.?[/\\])+', '')))
QUALIFY row_number() OVER (PARTITION BY r.source_file, r.county, r.township, r.year ORDER BY h.id DESC NULLS LAST) = 1
ORDER BY 1, 2, 3, 4
