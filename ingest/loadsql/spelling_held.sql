-- Whether the database holds $1 as a place or person name (spellings.sql): a name it holds keeps its
-- spelling whatever the run's files wrote (settleSpellings).
SELECT EXISTS (SELECT 1 FROM units WHERE $1 IN (county, township, unit))
    OR EXISTS (SELECT 1 FROM elections WHERE $1 IN (county, township, unit))
    OR EXISTS (SELECT 1 FROM members WHERE name = $1)
