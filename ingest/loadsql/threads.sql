-- DuckDB's threads as the instance has it now (a setting of the whole instance, not of a connection), for
-- restore_threads.sql to put back after a small load ran with one_thread.sql.
SELECT current_setting('threads');
