-- Give the staged rows of one file and township with a blank county the county the rule found.
-- Executed one statement at a time: $1 county, $2 file, $3 township.
UPDATE stage_elections SET county = $1 WHERE file_id = $2 AND township = $3 AND county = '';
UPDATE stage_members SET county = $1 WHERE file_id = $2 AND township = $3 AND county = '';
UPDATE stage_registration SET county = $1 WHERE file_id = $2 AND township = $3 AND county = '';
UPDATE stage_warnings SET county = $1 WHERE file_id = $2 AND township = $3 AND county = '';
