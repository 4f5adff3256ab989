-- A unit left without any row (a village renamed by a corrected resubmission, a removal) is no longer a
-- unit. Runs after units.sql, inside the transaction of a load into a database that held rows (a first
-- load leaves none: every unit it adds has rows) or of a removal.
DELETE FROM units u
WHERE NOT EXISTS (SELECT 1 FROM elections e WHERE e.county = u.county AND e.township = u.township AND e.unit = u.unit)
  AND NOT EXISTS (SELECT 1 FROM members m WHERE m.county = u.county AND m.township = u.township AND m.unit = u.unit);
