-- Schema v1 of electsum.duckdb. Column names follow shared/GLOSSARY.md; enum values are stored in one
-- canonical Simplified Chinese form (村民委员会, 书记, 女, 中共党员, 大学本科) so that analysts' SQL and the
-- reports use the words the users use.

CREATE TABLE units (
    county   VARCHAR NOT NULL,          -- '' when the sheets did not name a county
    township VARCHAR NOT NULL,
    unit     VARCHAR NOT NULL,
    kind     VARCHAR,                   -- 村 or 社区 or 选区, derived from the bodies elected there
    PRIMARY KEY (county, township, unit)
);

-- One row per electoral unit per body per election year (选举结果).
CREATE TABLE elections (
    county          VARCHAR NOT NULL,
    township        VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL,
    year            INTEGER NOT NULL,
    body            VARCHAR NOT NULL,   -- 村党组织, 村民委员会, 村务监督委员会, 社区党组织, 居民委员会, 乡镇党委, 县级人大代表, 乡级人大代表
    term            INTEGER,            -- 届次: 10 for 第十届
    method          VARCHAR,            -- 选举方式 as written, trimmed
    registered      INTEGER,            -- 登记选民数 / 应到人数
    voted           INTEGER,            -- 参加投票人数 / 实到人数
    proxy_votes     INTEGER,
    mobile_votes    INTEGER,
    valid_ballots   INTEGER,
    invalid_ballots INTEGER,
    seats           INTEGER,
    candidates      INTEGER,
    elected         INTEGER,
    election_date   DATE,
    first_round     BOOLEAN,
    source_file     VARCHAR NOT NULL,
    source_sheet    VARCHAR NOT NULL,
    source_row      INTEGER NOT NULL,   -- row number as Excel shows it (1-based)
    PRIMARY KEY (county, township, unit, year, body)
);

-- One row per elected person per body per election year (当选人员).
CREATE TABLE members (
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
    person_key        VARCHAR NOT NULL, -- same person across bodies: 'id:'||id_number, else 'name:'||township||'|'||unit||'|'||name||'|'||birth-or-age
    source_file       VARCHAR NOT NULL,
    source_sheet      VARCHAR NOT NULL,
    source_row        INTEGER NOT NULL,
    PRIMARY KEY (county, township, unit, year, body, person_key)
);

-- Every file ingest was given, and what became of it.
CREATE SEQUENCE ingest_log_id START 1;
CREATE TABLE ingest_log (
    id           BIGINT PRIMARY KEY DEFAULT nextval('ingest_log_id'),
    path         VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL,
    result_rows  INTEGER NOT NULL,
    member_rows  INTEGER NOT NULL,
    ingested_at  TIMESTAMP NOT NULL,
    outcome      VARCHAR NOT NULL,   -- loaded, unchanged (same content already loaded), rejected, not_loaded, removed (its rows were removed or replaced by a resubmission; sha256 empty)
    message      VARCHAR
);

-- Warnings about loaded data (member count ≠ 当选人数, 合计 rows that do not add up …), kept so that the
-- report's 数据核对 section and the annex can list them. Replaced with the rows of the file they are about.
CREATE TABLE data_warnings (
    source_file VARCHAR NOT NULL,
    sheet       VARCHAR,
    row_number  INTEGER,
    column_name VARCHAR,
    value       VARCHAR,
    rule        VARCHAR NOT NULL,
    message     VARCHAR NOT NULL,
    county      VARCHAR,
    township    VARCHAR,
    unit        VARCHAR,
    year        INTEGER,
    body        VARCHAR
);
