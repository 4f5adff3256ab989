-- The spellings respell.sql changed: staged spelling → settled spelling.
SELECT spelling, settled FROM stage_respell ORDER BY spelling
