-- Gives the instance back the threads it had before one_thread.sql (threads.sql read them; the Go code
-- puts the number in place of the verb below).
SET threads = %d;
