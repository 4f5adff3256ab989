-- Units after rows of the elections in stage_keys were written or removed (move.sql, remove.sql), from
-- the bodies elected in them (unit_bodies, which unit_bodies.sql or unit_bodies_first.sql puts before this):
-- each of those units that has rows is added, or has its kind set again, in one statement (an insert,
-- then an update of every unit, cost a county's first load 23 ms); a unit's kind follows from what is
-- elected there. empty_units.sql then drops the units left without any row. Runs inside the
-- transaction of the load or the removal. The kind is taken over all loaded years, from the kind of unit
-- each body is elected by (unit_kind_of, domain.go): a community's body makes a unit a 社区, else a
-- village's a 村, else what a township 党代会 elects a 乡镇, people's deputies alone a 选区. The statement
-- ends with units_update.sql, which sets the kind of a unit already there; in a database that held no
-- unit (a first load) it ends here, without it: a plain insert cost the people's congress set's 10,840
-- units 15 ms instead of 30–50.
INSERT INTO units (county, township, unit, kind)
SELECT county, township, unit,
       CASE WHEN bool_or(unit_kind_of(body) = '社区') THEN '社区'
            WHEN bool_or(unit_kind_of(body) = '村') THEN '村'
            WHEN bool_or(unit_kind_of(body) = '乡镇') THEN '乡镇'
            WHEN bool_or(unit_kind_of(body) = '选区') THEN '选区'
       END AS kind
FROM unit_bodies
GROUP BY county, township, unit
ORDER BY county, township, unit
