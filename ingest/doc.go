// Package ingest owns the way data gets in: the DuckDB schema and its migrations, reading township
// workbooks and CSV files (ParseFile), checking every row against the column list, and loading whole
// files all-or-nothing (Load). Problems in user files are reported with their file, sheet, row and column.
package ingest
