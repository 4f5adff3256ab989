-- Stage a warning registration_check.sql found (registration_mismatch between the two tables), with the
-- place of its 选民登记 row: $1 file, $2 its name, $3 sheet, $4 row, $5 column, $6 value, $7 rule, $8 message,
-- $9–$13 county, township, unit, year, body (NULL without a level).
INSERT INTO stage_warnings (file_id, source_file, sheet, row_number, column_name, value, rule, message,
        county, township, unit, year, body)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13);
