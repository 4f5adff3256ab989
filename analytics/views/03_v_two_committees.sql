-- v_two_committees: one row per unit and year whose 两委 elected anyone: 村 (村党组织 + 村民委员会) or
-- 社区 (社区党组织 + 居民委员会).
--   positions            职数: members of both bodies; a person on both counts twice
--   cross_persons        people on both bodies (交叉任职)
--   persons              人数: distinct people = positions − cross_persons
--   one_shoulder         the party body's 书记 is the committee's 主任 (一肩挑); NULL unless both bodies elected
--   cross_unit           at least one cross person; NULL unless both bodies elected
--   committee_members, committee_women   of the 村民委员会 / 居民委员会
-- Two rows are the same person by the one identity rule, same_person (00_person.sql, electsum.SamePerson).
CREATE OR REPLACE VIEW v_two_committees AS
WITH kinds(kind, party_body, committee_body) AS (
    VALUES ('村', '村党组织', '村民委员会'), ('社区', '社区党组织', '居民委员会')
), p AS (
    SELECT m.*, k.kind FROM v_members m JOIN kinds k ON m.body = k.party_body
), c AS (
    SELECT m.*, k.kind FROM v_members m JOIN kinds k ON m.body = k.committee_body
), crossed AS (
    SELECT c.county, c.township, c.unit, c.year, c.kind, c.person_key,
           bool_or(p.position = '书记' AND c.position = '主任') AS shoulder
    FROM c JOIN p
      ON p.county = c.county AND p.township = c.township AND p.unit = c.unit
     AND p.year = c.year AND p.kind = c.kind
     AND same_person(p.person, c.person)
    GROUP BY ALL
), pc AS (
    SELECT county, township, unit, year, kind, count(*) AS party_members FROM p GROUP BY ALL
), cc AS (
    SELECT county, township, unit, year, kind, count(*) AS committee_members,
           count(*) FILTER (WHERE gender = '女') AS committee_women
    FROM c GROUP BY ALL
), xc AS (
    SELECT county, township, unit, year, kind, count(*) AS cross_persons, bool_or(shoulder) AS one_shoulder
    FROM crossed GROUP BY ALL
), u AS (
    SELECT county, township, unit, year, kind FROM pc
    UNION
    SELECT county, township, unit, year, kind FROM cc
)
SELECT u.county, u.township, u.unit, u.year, u.kind,
       coalesce(pc.party_members, 0) AS party_members,
       coalesce(cc.committee_members, 0) AS committee_members,
       coalesce(pc.party_members, 0) + coalesce(cc.committee_members, 0) AS positions,
       coalesce(xc.cross_persons, 0) AS cross_persons,
       coalesce(pc.party_members, 0) + coalesce(cc.committee_members, 0) - coalesce(xc.cross_persons, 0) AS persons,
       CASE WHEN pc.party_members > 0 AND cc.committee_members > 0 THEN coalesce(xc.one_shoulder, false) END AS one_shoulder,
       CASE WHEN pc.party_members > 0 AND cc.committee_members > 0 THEN coalesce(xc.cross_persons, 0) > 0 END AS cross_unit,
       cc.committee_women
FROM u
LEFT JOIN pc USING (county, township, unit, year, kind)
LEFT JOIN cc USING (county, township, unit, year, kind)
LEFT JOIN xc USING (county, township, unit, year, kind);
