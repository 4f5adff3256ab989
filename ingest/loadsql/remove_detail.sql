-- The preview of a removal, one row per election it touches: whether its results row goes, how many
-- members go with it, and whether it gives back the figures of a removed 选民登记 row (its results row
-- staying).
SELECT k.county, k.township, k.unit, k.year, k.body,
       EXISTS (SELECT 1 FROM remove_elections e
               WHERE e.county = k.county AND e.township = k.township AND e.unit = k.unit
                 AND e.year = k.year AND e.body = k.body) AS result,
       (SELECT count(*) FROM remove_members m
        WHERE m.county = k.county AND m.township = k.township AND m.unit = k.unit
          AND m.year = k.year AND m.body = k.body) AS members,
       (k.county, k.township, k.unit, k.year, k.body) IN (SELECT county, township, unit, year, body FROM unfill_elections) AS registration
FROM (SELECT * FROM remove_keys UNION SELECT * FROM unfill_elections) k
ORDER BY k.year, k.county, k.township, k.unit, k.body
