-- The person rules of package electsum (person.go) as SQL macros, for the views and for Summarize
-- (which creates them as TEMP macros on its own connection, so that it also reads a database opened
-- read-only). TestPersonSQL checks that each gives what its Go form gives.
--
-- id_birth(id_number)  the birth date digits 7–14 of an 18-character 身份证号 encode; NULL when not a date
CREATE OR REPLACE MACRO id_birth(id_number) AS
    CASE WHEN length(id_number) = 18 THEN try_strptime(substr(id_number, 7, 8), '%Y%m%d')::DATE END;

-- A macro is expanded as text: every use of a parameter repeats the argument's expression. The
-- rules below are therefore written over values computed once (the *_of macros: id_born is
-- id_birth(id_number), exact is exact_birth(birth, id_number)), which v_members computes once per row
-- in steps; the plain forms pass the expressions and serve the one-off queries.

-- exact_birth_of(birth, id_born), exact_birth(birth, id_number)  electsum.ExactBirth: the 身份证号's
-- date when it agrees with 出生年月 (same year and month) or 出生年月 is empty; else 出生年月 (the 1st
-- when only the month was written).
CREATE OR REPLACE MACRO exact_birth_of(birth, id_born) AS
    CASE WHEN id_born IS NOT NULL
          AND (birth IS NULL OR date_trunc('month', birth) = date_trunc('month', id_born))
         THEN id_born ELSE birth END;
CREATE OR REPLACE MACRO exact_birth(birth, id_number) AS exact_birth_of(birth, id_birth(id_number));

-- age_at(birth, on_date)  electsum.AgeAt: 周岁 on the date on_date.
CREATE OR REPLACE MACRO age_at(birth, on_date) AS
    year(on_date) - year(birth)
    - CASE WHEN month(on_date) < month(birth) OR (month(on_date) = month(birth) AND day(on_date) < day(birth))
           THEN 1 ELSE 0 END;

-- age_at_election_of(exact, age, election_date), age_at_election(birth, id_number, age, election_date)
-- electsum.Person.AgeAtElection: from the exact birthday, else 出生年月, else the age written on the sheet.
CREATE OR REPLACE MACRO age_at_election_of(exact, age, election_date) AS
    coalesce(age_at(exact, election_date), age);
CREATE OR REPLACE MACRO age_at_election(birth, id_number, age, election_date) AS
    age_at_election_of(exact_birth(birth, id_number), age, election_date);

-- person_of(id_number, name, birth, age, election_date, id_born, exact), person(id_number, name, birth,
-- age, election_date)  what the identity rule reads of a row: the id number, the name and the birth
-- window (electsum.Person.BirthWindow; NULL ends when nothing is known).
CREATE OR REPLACE MACRO person_of(id_number, name, birth, age, election_date, id_born, exact) AS {
    'id_number': id_number,
    'name': name,
    'born_from': CASE
        WHEN exact IS NULL THEN (election_date - to_years(age + 1) + INTERVAL 1 DAY)::DATE
        WHEN id_born = exact OR day(birth) <> 1 THEN exact
        ELSE birth END,
    'born_to': CASE
        WHEN exact IS NULL THEN (election_date - to_years(age))::DATE
        WHEN id_born = exact OR day(birth) <> 1 THEN exact
        ELSE last_day(birth) END
};
CREATE OR REPLACE MACRO person(id_number, name, birth, age, election_date) AS
    person_of(id_number, name, birth, age, election_date, id_birth(id_number), exact_birth(birth, id_number));

-- same_person(a, b)  electsum.SamePerson over two person(...) values: the same 身份证号 when both give
-- one; else the same name and overlapping birth windows where both rows give one.
CREATE OR REPLACE MACRO same_person(a, b) AS
    CASE WHEN a.id_number IS NOT NULL AND b.id_number IS NOT NULL THEN a.id_number = b.id_number
         ELSE a.name = b.name AND coalesce(a.born_from <= b.born_to AND b.born_from <= a.born_to, true) END;
