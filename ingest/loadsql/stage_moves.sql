-- The places of stored 选民登记 rows (county, township, unit, year) read as those of the run's results
-- (to_township, to_unit), the results row that first names each (the notice's cell) and the stored file.
INSERT INTO stage_registration_moves
SELECT m.*, f.file_id, f.source_sheet, f.source_row, f.body, f.source_file
FROM (SELECT unnest($1::VARCHAR[]) AS county, unnest($2::VARCHAR[]) AS township, unnest($3::VARCHAR[]) AS unit,
             unnest($4::INTEGER[]) AS year, unnest($5::VARCHAR[]) AS to_township, unnest($6::VARCHAR[]) AS to_unit) m,
     LATERAL (SELECT e.file_id, e.source_sheet, e.source_row, e.body, s.source_file
              FROM stage_elections e
              JOIN (SELECT DISTINCT source_file FROM registrations r
                    WHERE r.county = m.county AND r.township = m.township AND r.unit = m.unit AND r.year = m.year) s ON true
              WHERE e.county = m.county AND e.township = m.to_township AND e.unit = m.to_unit AND e.year = m.year
              ORDER BY e.file_id, e.seq, s.source_file
              LIMIT 1) f
RETURNING *
