-- v_structure: member structure per scope and body and year, at three levels (level = 'unit',
-- 'township', 'county'; township and unit are NULL above their level). Counts, shares in percent
-- rounded half-up to one decimal (NULL when the denominator is zero), average age, and the age band and
-- education bucket distributions as maps label → count. Optional columns count over the rows that
-- filled them (party_known, ethnicity_known, reelected_known …).
CREATE OR REPLACE VIEW v_structure AS
WITH s AS (
    SELECT CASE WHEN grouping(unit) = 0 THEN 'unit'
                WHEN grouping(township) = 0 THEN 'township' ELSE 'county' END AS level,
           county, township, unit, year, body,
           count(*) AS members,
           count(*) FILTER (WHERE gender = '女') AS women,
           count(party) AS party_known,
           count(*) FILTER (WHERE party_member) AS party_members,
           count(minority) AS ethnicity_known,
           count(*) FILTER (WHERE minority) AS minorities,
           count(age_at_election) AS age_known,
           round(avg(age_at_election), 1) AS average_age,
           histogram(age_band) AS age_bands,
           histogram(education_bucket) AS education,
           count(*) FILTER (WHERE is_head) AS heads,
           count(reelected) AS reelected_known,
           count(*) FILTER (WHERE reelected) AS reelected,
           count(*) FILTER (WHERE NOT reelected) AS new,
           count(wealth_leader) AS wealth_leader_known,
           count(*) FILTER (WHERE wealth_leader) AS wealth_leaders,
           count(graduate_official) AS graduate_official_known,
           count(*) FILTER (WHERE graduate_official) AS graduate_officials
    FROM v_members
    GROUP BY GROUPING SETS ((county, township, unit, year, body), (county, township, year, body), (county, year, body))
)
SELECT *,
       CASE WHEN members > 0 THEN round(women * 100.0 / members, 1) END AS women_share,
       CASE WHEN party_known > 0 THEN round(party_members * 100.0 / party_known, 1) END AS party_share,
       CASE WHEN ethnicity_known > 0 THEN round(minorities * 100.0 / ethnicity_known, 1) END AS minority_share,
       CASE WHEN reelected_known > 0 THEN round(reelected * 100.0 / reelected_known, 1) END AS reelected_share
FROM s;
