-- Gives the instance back the caller's memory_limit after a load (LoadOptions.MemoryLimit, vetted by
-- ParseSize; the Go code puts its text in place of the verb below). reset_memory.sql is for no limit.
SET memory_limit = '%s';
RESET allocator_flush_threshold;
RESET allocator_bulk_deallocation_flush_threshold;
RESET allocator_background_threads;
RESET disabled_compression_methods;
