-- Store warnings found between results and members (between.go) in data_warnings, in one statement:
-- each column is bound as one list, zipped by unnest. An empty sheet and row 0 mean none.
INSERT INTO data_warnings (source_file, sheet, row_number, column_name, value, rule, message,
        county, township, unit, year, body)
SELECT source_file, nullif(sheet, ''), nullif(row_number, 0), NULL, value, rule, message,
       county, township, unit, year, body
FROM (SELECT unnest($1::VARCHAR[]) AS source_file, unnest($2::VARCHAR[]) AS sheet,
             unnest($3::INTEGER[]) AS row_number, unnest($4::VARCHAR[]) AS value, unnest($5::VARCHAR[]) AS rule,
             unnest($6::VARCHAR[]) AS message, unnest($7::VARCHAR[]) AS county, unnest($8::VARCHAR[]) AS township,
             unnest($9::VARCHAR[]) AS unit, unnest($10::INTEGER[]) AS year, unnest($11::VARCHAR[]) AS body)
