-- Give the staged rosters and 选民登记 rows of stage_places the places they are read as (a place left as
-- written, which could be one of several, is there for its notice only). A member's
-- person_key without 身份证号, made of township, unit and name (electsum.PersonKey:
-- name:township|unit|name|birth), is made again, and so is the first row of each file's elections
-- (first_of_election), since two spellings may now be one place. Executed one statement at a time.
UPDATE stage_members m
SET township = p.to_township, unit = p.to_unit,
    person_key = CASE WHEN m.person_key LIKE 'name:%'
        THEN 'name:' || p.to_township || '|' || p.to_unit || '|' || m.name || '|' || regexp_extract(m.person_key, '[^|]*$')
        ELSE m.person_key END
FROM stage_places p
WHERE m.file_id = p.file_id AND m.county = p.county AND m.township = p.township AND m.unit = p.unit AND m.year = p.year
    AND (p.to_township <> p.township OR p.to_unit <> p.unit);
UPDATE stage_registration r
SET township = p.to_township, unit = p.to_unit
FROM stage_places p
WHERE r.file_id = p.file_id AND r.county = p.county AND r.township = p.township AND r.unit = p.unit AND r.year = p.year
    AND (p.to_township <> p.township OR p.to_unit <> p.unit);
UPDATE stage_members m
SET first_of_election = w.first
FROM (SELECT file_id, seq, source_sheet, source_row,
             seq = min(seq) OVER (PARTITION BY file_id, county, township, unit, year, body) AS first
      FROM stage_members
      WHERE file_id IN (SELECT file_id FROM stage_places WHERE to_township <> township OR to_unit <> unit)) w
WHERE m.file_id = w.file_id AND m.seq = w.seq AND m.source_sheet = w.source_sheet AND m.source_row = w.source_row;
