// Package query runs analysts' own SQL on the electsum database and writes the result: one read-only
// statement at a time (electsum query, the SQL box of electsum serve), the saved analyses in
// saved/*.sql, and the output formats of a result (an aligned text table, CSV, JSON, an Excel workbook,
// Parquet, Arrow IPC). It computes no figure of the drafts; those are analytics'.
//
// Safety has three layers, each enough on its own for the common cases and tested separately:
//  1. the caller opens the database with ingest.OpenReadOnly (read-only file, no external access, no
//     extension loading, configuration locked), so DuckDB itself refuses writes and file access;
//  2. the text must hold exactly one statement: database/sql's PrepareContext on duckdb-go runs every
//     statement but the last while preparing, so "SELECT 1; DROP TABLE members" would drop before we
//     could look at it. The driver's context-free Prepare refuses several statements instead, so the
//     statement is prepared that way first, through sql.Conn.Raw;
//  3. the prepared statement's type must be a read (SELECT, which covers WITH, FROM-first, DESCRIBE,
//     SHOW, SUMMARIZE and PRAGMA table_info; or EXPLAIN of a SELECT).
//
// The file is never ATTACHed to an in-memory database: such a sandbox can DETACH it and ATTACH it again
// read-write. This is the one place outside ingest that uses duckdb-go's own API: database/sql exposes
// neither a prepare that refuses several statements nor a statement's type.
//
// How each format shows values (the contract analysts rely on):
//   - NULL: "NULL" in the text table (so that it differs from an empty string), an empty field in CSV,
//     null in JSON and Arrow/Parquet, an empty cell in xlsx.
//   - Numbers: right-aligned in the text table; JSON numbers keep their type (integers stay integers,
//     DECIMAL keeps its digits); xlsx cells are numbers; Arrow/Parquet columns are typed (see arrowType).
//   - Dates are written 2024-05-10, timestamps 2024-05-10 08:30:00, in every text format; xlsx cells are
//     dates; Arrow/Parquet use date32 and timestamp[us].
//   - CSV is UTF-8; WriteOptions.BOM prefixes a byte-order mark so that Excel on Chinese Windows opens
//     the file as UTF-8 (electsum query uses it when writing to a file, not on standard output, where
//     the mark would confuse the next program in a pipe).
package query
