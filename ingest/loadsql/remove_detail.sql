-- The preview of a removal, one row per election it touches: whether its results row goes and how
-- many members go with it.
SELECT k.county, k.township, k.unit, k.year, k.body,
       EXISTS (SELECT 1 FROM remove_elections e
               WHERE e.county = k.county AND e.township = k.township AND e.unit = k.unit
                 AND e.year = k.year AND e.body = k.body) AS result,
       (SELECT count(*) FROM remove_members m
        WHERE m.county = k.county AND m.township = k.township AND m.unit = k.unit
          AND m.year = k.year AND m.body = k.body) AS members
FROM remove_keys k
ORDER BY k.year, k.county, k.township, k.unit, k.body
