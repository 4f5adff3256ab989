-- A name new in this run that its files wrote in both scripts was staged under the spelling staged
-- first ($1), and settleSpellings settled it on $2. The staged rows take $2 in every name column, and a
-- member's person_key without 身份证号, made of township, unit and name (electsum.PersonKey:
-- name:township|unit|name|birth), is made again. Executed one statement at a time.
UPDATE stage_elections
SET county = CASE WHEN county = $1 THEN $2 ELSE county END,
    township = CASE WHEN township = $1 THEN $2 ELSE township END,
    unit = CASE WHEN unit = $1 THEN $2 ELSE unit END
WHERE $1 IN (county, township, unit);
UPDATE stage_members
SET person_key = CASE WHEN person_key LIKE 'name:%' AND $1 IN (township, unit, name)
        THEN 'name:' || CASE WHEN township = $1 THEN $2 ELSE township END
             || '|' || CASE WHEN unit = $1 THEN $2 ELSE unit END
             || '|' || CASE WHEN name = $1 THEN $2 ELSE name END
             || '|' || regexp_extract(person_key, '[^|]*$')
        ELSE person_key END,
    county = CASE WHEN county = $1 THEN $2 ELSE county END,
    township = CASE WHEN township = $1 THEN $2 ELSE township END,
    unit = CASE WHEN unit = $1 THEN $2 ELSE unit END,
    name = CASE WHEN name = $1 THEN $2 ELSE name END
WHERE $1 IN (county, township, unit, name);
UPDATE stage_warnings
SET county = CASE WHEN county = $1 THEN $2 ELSE county END,
    township = CASE WHEN township = $1 THEN $2 ELSE township END,
    unit = CASE WHEN unit = $1 THEN $2 ELSE unit END
WHERE $1 IN (county, township, unit);
