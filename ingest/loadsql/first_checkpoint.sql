-- A small first load (fewer staged rows than a row group, into a database that held no rows) is written
-- into the database file before Load returns, still with the one thread one_thread.sql set and without
-- FSST (no_fsst.sql, set before the load's commit). Executed one statement at a time: a failure is left to
-- the checkpoint on close.
CHECKPOINT;
