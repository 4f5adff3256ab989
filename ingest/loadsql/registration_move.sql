-- The stored 选民登记 rows the run's results name another way take the results' place
-- (moveWaitingRegistrations), with the warnings of their rows, before registration_merge.sql: inside the
-- load's transaction.
UPDATE data_warnings w
SET township = m.to_township, unit = m.to_unit
FROM stage_registration_moves m
WHERE w.county = m.county AND w.township = m.township AND w.unit = m.unit AND w.year = m.year
  AND EXISTS (SELECT 1 FROM registrations r
              WHERE r.source_file = w.source_file AND r.county = m.county AND r.township = m.township
                AND r.unit = m.unit AND r.year = m.year);
UPDATE registrations r
SET township = m.to_township, unit = m.to_unit
FROM stage_registration_moves m
WHERE r.county = m.county AND r.township = m.township AND r.unit = m.unit AND r.year = m.year;
