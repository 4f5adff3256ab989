-- Units after rows of the elections in stage_keys were written or removed (move.sql, remove.sql), from
-- the bodies elected in them (unit_bodies, which unit_bodies.sql or unit_bodies_first.sql puts before this):
-- each of those units that has rows is added, or has its kind set again, in one statement (an insert,
-- then an update of every unit, cost a county's first load 23 ms); a unit's kind follows from what is
-- elected there. empty_units.sql then drops the units left without any row. Runs inside the
-- transaction of the load or the removal. The kind is taken over all loaded years: a
-- 居民委员会 or 社区党组织 makes a unit a 社区, a 村民委员会, 村党组织 or 村务监督委员会 a 村, what a
-- township 党代会 elects (乡镇党委, 乡镇纪委, 出席上级党代会代表) a 乡镇, people's deputies alone a 选区.
INSERT INTO units (county, township, unit, kind)
SELECT county, township, unit,
       CASE WHEN bool_or(body IN ('社区党组织', '居民委员会')) THEN '社区'
            WHEN bool_or(body IN ('村党组织', '村民委员会', '村务监督委员会')) THEN '村'
            WHEN bool_or(body IN ('乡镇党委', '乡镇纪委', '出席上级党代会代表')) THEN '乡镇'
            WHEN bool_or(body IN ('县级人大代表', '乡级人大代表')) THEN '选区'
       END AS kind
FROM unit_bodies
GROUP BY county, township, unit
ORDER BY county, township, unit
ON CONFLICT (county, township, unit) DO UPDATE SET kind = excluded.kind;
