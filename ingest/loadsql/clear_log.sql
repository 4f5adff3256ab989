DELETE FROM stage_log
