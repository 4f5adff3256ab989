-- Schema v2: the results columns of people's congress elections (县级/乡级人大代表), one row per 选区
-- and level as before. All are NULL for village and party elections and for rows loaded before v2.

-- 选区编号 as written (3, 第三选区).
ALTER TABLE elections ADD COLUMN constituency_no VARCHAR;
-- 选民登记: total population, those aged 18 and over, and why some of them are not registered here.
ALTER TABLE elections ADD COLUMN population INTEGER;
ALTER TABLE elections ADD COLUMN adults INTEGER;              -- 18周岁以上人口
ALTER TABLE elections ADD COLUMN away_home INTEGER;           -- 回户籍地参选
ALTER TABLE elections ADD COLUMN away_workplace INTEGER;      -- 参加本单位选举
ALTER TABLE elections ADD COLUMN away_missing INTEGER;        -- 长期外出下落不明
ALTER TABLE elections ADD COLUMN incapable INTEGER;           -- 不能行使选举权利
ALTER TABLE elections ADD COLUMN suspended INTEGER;           -- 停止行使选举权利
ALTER TABLE elections ADD COLUMN deprived INTEGER;            -- 被剥夺选举权利
ALTER TABLE elections ADD COLUMN registered_women INTEGER;    -- 登记选民中的女性
ALTER TABLE elections ADD COLUMN registered_minority INTEGER; -- 登记选民中的少数民族
ALTER TABLE elections ADD COLUMN registered_migrant INTEGER;  -- 登记选民中的流动人口
-- 正式候选人 by nomination: 政党、人民团体推荐 and 选民或代表十人以上联名.
ALTER TABLE elections ADD COLUMN nominated_by_parties INTEGER;
ALTER TABLE elections ADD COLUMN nominated_by_voters INTEGER;
-- Votes cast at a polling station or the election meeting (not by 流动票箱 nor 委托).
ALTER TABLE elections ADD COLUMN in_person_votes INTEGER;
-- 一次选足, 另行选举 (filled after a further round), 未选足.
ALTER TABLE elections ADD COLUMN round VARCHAR;
