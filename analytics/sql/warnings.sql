-- Data warnings ingest kept for the scope's year (or for no particular year).
-- Parameters: year, then county, township, unit, each twice ('' means all).
SELECT coalesce(county, ''), coalesce(township, ''), coalesce(unit, ''), coalesce(year, 0),
       coalesce(body, ''), rule, message, source_file, coalesce(sheet, ''), coalesce(row_number, 0)
FROM data_warnings
WHERE (year IS NULL OR year = ?)
  AND (? = '' OR county IS NULL OR county = ?)
  AND (? = '' OR township IS NULL OR township = ?)
  AND (? = '' OR unit IS NULL OR unit = ?)
ORDER BY source_file, sheet, row_number, rule
