-- A load with fewer staged rows than one of DuckDB's row groups (122,880 rows) has nothing for a second
-- thread to scan in parallel: its checks and the move run with one thread. The second thread's tasks and
-- hash tables only cost CPU there (README "Performance of ingest").
-- restore_threads.sql undoes this.
SET threads = 1;
