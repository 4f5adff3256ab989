-- Where each file first names a place of stage_places (by the row's place in its file), for its notice:
-- i, then the row's seq, sheet, row and body ('' for a 选民登记 row without a level).
SELECT p.i, min(s.seq), arg_min(s.source_sheet, s.seq), arg_min(s.source_row, s.seq), arg_min(coalesce(s.body, ''), s.seq)
FROM stage_places p
JOIN (SELECT file_id, county, township, unit, year, body, source_sheet, source_row, seq FROM stage_members
      UNION ALL
      SELECT file_id, county, township, unit, year, body, source_sheet, source_row, seq FROM stage_registration) s
    ON s.file_id = p.file_id AND s.county = p.county AND s.township = p.township AND s.unit = p.unit AND s.year = p.year
GROUP BY p.i
