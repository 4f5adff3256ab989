-- Every file ever recorded in ingest_log (absolute paths): outputs must never be written over them.
SELECT DISTINCT path FROM ingest_log ORDER BY path
