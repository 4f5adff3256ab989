-- A small first load (fewer staged rows than a row group, into a database that held no rows) is written
-- into the database file before Load returns, still with the one thread one_thread.sql set, and without
-- FSST among the compressions DuckDB's checkpoint analyses for each column: that analysis was a third of
-- the checkpoint of a county's 6,893 rows. Later loads and large ones keep DuckDB's choice (without FSST, a
-- province loaded county by county took 40 MB instead of 31). reset_memory.sql and restore_memory.sql undo
-- the SET. Executed one statement at a time: a failure is left to the checkpoint on close.
SET disabled_compression_methods = 'fsst';
CHECKPOINT;
