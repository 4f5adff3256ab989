-- The rows of scope_members, the TEMP table of a Summarize's members (figures.go, scopeMembers): the
-- rows of v_members in the scope, every year, with the columns the figure macros of the 两委 summary
-- (structure_figures, two_committee_figures, heads_changed_figures, read in their copies of
-- scopedSQL) and sql/members.sql read. A figure that needs another column of v_members adds it here
-- (a query naming a missing column fails).
-- Parameters: county, township, unit ('' means all).
SELECT county, township, unit, year, body, name, position, gender, ethnicity, party, education,
       reelected, id_number, wealth_leader, graduate_official, category, person_key,
       age_at_election, person, age_band, education_bucket, party_member, minority, is_head
FROM v_members
WHERE in_scope(NULL, NULL, ?, ?, ?, year, county, township, unit)
