-- Schema v3: members loses its primary key (county, township, unit, year, body, person_key). Keeping an
-- index over six text columns cost about 20 s of a province's 25 s ingest at commit, and the index
-- guarded nothing the load does not check itself: a file's own duplicates are refused when it is read
-- (duplicate_person), two files of a run that carry the same election's members clash
-- (duplicate_key_across_files), a load replaces every member row of the elections it carries, and the
-- load checks inside its transaction that the elections it wrote hold no person twice
-- (loadsql/member_duplicates.sql; duplicates.sql since v7), refusing the commit otherwise. DuckDB
-- cannot drop a primary key, so the table is rebuilt with the same columns, in the same order, and its
-- rows copied over.
CREATE TABLE members_new (
    county            VARCHAR NOT NULL,
    township          VARCHAR NOT NULL,
    unit              VARCHAR NOT NULL,
    year              INTEGER NOT NULL,
    body              VARCHAR NOT NULL,
    name              VARCHAR NOT NULL,
    position          VARCHAR NOT NULL, -- canonical: 书记, 副书记, 主任, 副主任, 委员, 代表, or the text as written
    gender            VARCHAR NOT NULL, -- 男 or 女
    birth             DATE,             -- first day of the birth month when only year and month are known
    age               INTEGER,          -- 年龄 as written on the sheet (周岁); NULL when only birth was given
    ethnicity         VARCHAR,          -- 汉族, 回族 … (汉 is stored as 汉族)
    party             VARCHAR,          -- 中共党员, 中共预备党员, 共青团员, 群众, 民主党派, 无党派人士
    education         VARCHAR,          -- 研究生, 大学本科, 大学专科, 中专, 高中, 初中, 小学及以下
    reelected         BOOLEAN,
    id_number         VARCHAR,          -- 身份证号, validated; PII: never print unmasked
    wealth_leader     BOOLEAN,
    graduate_official BOOLEAN,
    category          VARCHAR,          -- 代表构成 for deputies
    votes             INTEGER,          -- 得票数
    person_key        VARCHAR NOT NULL, -- same person across bodies (electsum.PersonKey); unique per election, checked by the load
    source_file       VARCHAR NOT NULL,
    source_sheet      VARCHAR NOT NULL,
    source_row        INTEGER NOT NULL
);
INSERT INTO members_new SELECT * FROM members;
DROP TABLE members;
ALTER TABLE members_new RENAME TO members;
