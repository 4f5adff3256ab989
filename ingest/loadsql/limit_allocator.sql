-- What DuckDB frees goes back to its allocator's caches, and by default those are flushed only past
-- 128 MiB per thread and 512 MiB per bulk free: on the 1,048,575-row sheet that was about 300 MiB of
-- resident memory beyond memory_limit. Flushing early, and purging from a background thread, returns it.
-- reset_memory.sql and restore_memory.sql undo this.
SET allocator_flush_threshold = '16MB';
SET allocator_bulk_deallocation_flush_threshold = '32MB';
SET allocator_background_threads = true;
