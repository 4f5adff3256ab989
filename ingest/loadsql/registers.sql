-- registers(reg_body, body)  a 选民登记 row of level reg_body is the registration of a results row of
-- body at its place: the same level, or, without a level, any election whose voters are registered as a
-- 选民登记 table lists them (voters_elect, domain.go): both levels of people's congress deputies
-- (registration for the 县级 and 乡级 elections is done once) and the villagers' and residents'
-- committees — not the party bodies, whose 登记选民数 counts members, nor a 村务监督委员会, which the
-- 村民代表会议 may elect.
CREATE OR REPLACE TEMP MACRO registers(reg_body, body) AS
    CASE WHEN reg_body IS NULL THEN voters_elect(body) ELSE body = reg_body END;
-- own_figure(fields, name, value)  a results row's own figure name: value, unless a 选民登记 row gave it
-- (fields, its registration_fields), then NULL.
CREATE OR REPLACE TEMP MACRO own_figure(fields, name, value) AS
    CASE WHEN list_contains(fields, name) THEN NULL ELSE value END;
