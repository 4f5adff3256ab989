-- A small first load (fewer staged rows than a row group, into a database that held no rows) is written
-- without FSST among the compressions DuckDB's checkpoint analyses for each column: that analysis was a
-- third of the checkpoint of a county's 6,893 rows, and a quarter of the commit of the people's congress
-- set's 50,063 rows (900 files), whose commit is itself the checkpoint (DuckDB checkpoints at the commit
-- of a large enough transaction instead of writing it to the WAL). Set before the commit, so that either
-- checkpoint, the commit's or first_checkpoint.sql's, runs without it. Later loads and large ones keep
-- DuckDB's choice (without FSST, a province loaded county by county took 40 MB instead of 31).
-- reset_memory.sql and restore_memory.sql undo the SET.
SET disabled_compression_methods = 'fsst';
