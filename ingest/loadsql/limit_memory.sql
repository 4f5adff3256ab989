-- Bound DuckDB's memory while loading: without a limit it keeps the staging tables and the index
-- updates in memory up to 80% of the machine, so the peak would grow with the number of files. Past the
-- limit DuckDB spills to its temporary directory (<database>.tmp). reset_memory.sql undoes this.
SET memory_limit = '256MB';
