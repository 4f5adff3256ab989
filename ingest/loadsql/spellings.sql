-- Every place and person name the database holds, for the loader's spellings: a row of this run whose
-- name is one of these in the other script (青山鎮 for 青山镇) is stored as this one. Sorted, so that
-- which of two spellings an older database holds wins does not depend on the scan.
SELECT county AS s FROM units
UNION SELECT township FROM units
UNION SELECT unit FROM units
UNION SELECT county FROM elections
UNION SELECT township FROM elections
UNION SELECT unit FROM elections
UNION SELECT name FROM members
ORDER BY s
