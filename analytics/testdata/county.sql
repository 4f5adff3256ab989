-- A hand-made county small enough to check by hand: 清河县, terms 2021 and 2024.
--   东镇/东村      村, both terms; 2024: 张三 (id in both bodies) is 书记 and 主任 (一肩挑), 李四 (no id) on both
--                  bodies (交叉任职); the 主任 changed (周九 → 张三).
--   东镇/南村      村, 2024 only; fails every legal check; ages only as written; no ethnicity.
--   西镇/西村      村, 2021 only (村民委员会 only).
--   西镇/中心社区  社区, both terms; 沈一 has an id number as 书记 but none as 主任 (same person by name + birth).
--   西镇/第一选区  乡级人大代表, 2024 only; deputies' categories.
-- wealth_leader is never filled (absent column); graduate_official only for 东村 2024.

INSERT INTO units VALUES
 ('清河县', '东镇', '东村', '村'), ('清河县', '东镇', '南村', '村'), ('清河县', '西镇', '西村', '村'),
 ('清河县', '西镇', '中心社区', '社区'), ('清河县', '西镇', '第一选区', '选区');

INSERT INTO elections (county, township, unit, year, body, term, method, registered, voted, proxy_votes, mobile_votes,
                       valid_ballots, invalid_ballots, seats, candidates, elected, election_date, first_round,
                       source_file, source_sheet, source_row) VALUES
 ('清河县', '东镇', '东村', 2024, '村党组织', 12, '两推一选', 40, 36, NULL, NULL, NULL, NULL, 3, 4, 3, DATE '2024-03-10', true, 'f.xlsx', '选举结果', 2),
 ('清河县', '东镇', '东村', 2024, '村民委员会', 12, '有候选人', 1000, 900, 50, 30, 890, 10, 3, 5, 3, DATE '2024-04-20', true, 'f.xlsx', '选举结果', 3),
 ('清河县', '东镇', '南村', 2024, '村党组织', 12, '两推一选', 20, 15, NULL, NULL, NULL, NULL, 3, 3, 3, NULL, false, 'f.xlsx', '选举结果', 4),
 ('清河县', '东镇', '南村', 2024, '村民委员会', 12, '无候选人', 500, 240, 0, NULL, NULL, NULL, 3, 4, 3, DATE '2024-05-01', NULL, 'f.xlsx', '选举结果', 5),
 ('清河县', '西镇', '中心社区', 2024, '社区党组织', 5, '党员大会', 60, 60, NULL, NULL, NULL, NULL, 3, 4, 2, DATE '2024-03-01', true, 'f.xlsx', '选举结果', 6),
 ('清河县', '西镇', '中心社区', 2024, '居民委员会', 5, '有候选人', 2000, 1800, 100, 200, 1790, 10, 2, 3, 2, DATE '2024-04-01', true, 'f.xlsx', '选举结果', 7),
 ('清河县', '西镇', '第一选区', 2024, '乡级人大代表', NULL, NULL, 3000, 2700, NULL, NULL, NULL, NULL, 2, 3, 2, DATE '2024-06-01', true, 'f.xlsx', '选举结果', 8),
 ('清河县', '东镇', '东村', 2021, '村党组织', 11, '两推一选', 38, 30, NULL, NULL, NULL, NULL, 3, 4, 3, DATE '2021-03-10', true, 'g.xlsx', '选举结果', 2),
 ('清河县', '东镇', '东村', 2021, '村民委员会', 11, '有候选人', 950, 800, NULL, NULL, NULL, NULL, 2, 3, 2, DATE '2021-04-20', true, 'g.xlsx', '选举结果', 3),
 ('清河县', '西镇', '西村', 2021, '村民委员会', 11, '无候选人', 300, 280, NULL, NULL, NULL, NULL, 1, 2, 1, DATE '2021-05-01', false, 'g.xlsx', '选举结果', 4),
 ('清河县', '西镇', '中心社区', 2021, '社区党组织', 4, '党员大会', 55, 50, NULL, NULL, NULL, NULL, 1, 2, 1, DATE '2021-03-01', true, 'g.xlsx', '选举结果', 5),
 ('清河县', '西镇', '中心社区', 2021, '居民委员会', 4, '有候选人', 1900, 1700, NULL, NULL, NULL, NULL, 1, 2, 1, DATE '2021-04-01', true, 'g.xlsx', '选举结果', 6);

INSERT INTO members (county, township, unit, year, body, name, position, gender, birth, age, ethnicity, party, education,
                     reelected, id_number, wealth_leader, graduate_official, category, votes, person_key,
                     source_file, source_sheet, source_row) VALUES
 ('清河县', '东镇', '东村', 2024, '村党组织', '张三', '书记', '男', DATE '1980-05-01', NULL, '汉族', '中共党员', '大学专科', true, '330102198005010011', NULL, false, NULL, 30, 'id:330102198005010011', 'f.xlsx', '当选人员', 2),
 ('清河县', '东镇', '东村', 2024, '村党组织', '李四', '委员', '女', DATE '1990-06-01', NULL, '汉族', '中共预备党员', '大学本科', false, NULL, NULL, true, NULL, 25, 'name:东镇|东村|李四|1990-06-01', 'f.xlsx', '当选人员', 3),
 ('清河县', '东镇', '东村', 2024, '村党组织', '王五', '委员', '男', DATE '1965-01-01', NULL, '回族', '中共党员', '初中', true, NULL, NULL, false, NULL, 20, 'name:东镇|东村|王五|1965-01-01', 'f.xlsx', '当选人员', 4),
 ('清河县', '东镇', '东村', 2024, '村民委员会', '张三', '主任', '男', DATE '1980-05-01', NULL, '汉族', '中共党员', '大学专科', true, '330102198005010011', NULL, false, NULL, 800, 'id:330102198005010011', 'f.xlsx', '当选人员', 5),
 ('清河县', '东镇', '东村', 2024, '村民委员会', '李四', '委员', '女', DATE '1990-06-01', NULL, '汉族', '中共预备党员', '大学本科', false, NULL, NULL, true, NULL, 700, 'name:东镇|东村|李四|1990-06-01', 'f.xlsx', '当选人员', 6),
 ('清河县', '东镇', '东村', 2024, '村民委员会', '赵六', '副主任', '男', DATE '1975-12-01', NULL, '汉族', '群众', '高中', false, NULL, NULL, false, NULL, 600, 'name:东镇|东村|赵六|1975-12-01', 'f.xlsx', '当选人员', 7),
 ('清河县', '东镇', '南村', 2024, '村党组织', '吴一', '书记', '男', NULL, 30, NULL, '中共党员', '大学本科', false, NULL, NULL, NULL, NULL, NULL, 'name:东镇|南村|吴一|30', 'f.xlsx', '当选人员', 8),
 ('清河县', '东镇', '南村', 2024, '村党组织', '郑二', '委员', '男', NULL, 62, NULL, '中共党员', '小学及以下', false, NULL, NULL, NULL, NULL, NULL, 'name:东镇|南村|郑二|62', 'f.xlsx', '当选人员', 9),
 ('清河县', '东镇', '南村', 2024, '村党组织', '冯三', '委员', '男', NULL, 45, NULL, '中共党员', '中专', false, NULL, NULL, NULL, NULL, NULL, 'name:东镇|南村|冯三|45', 'f.xlsx', '当选人员', 10),
 ('清河县', '东镇', '南村', 2024, '村民委员会', '陈四', '主任', '男', NULL, 36, NULL, '群众', '大学专科', false, NULL, NULL, NULL, NULL, 100, 'name:东镇|南村|陈四|36', 'f.xlsx', '当选人员', 11),
 ('清河县', '东镇', '南村', 2024, '村民委员会', '褚五', '委员', '男', NULL, 55, NULL, '中共党员', '初中', false, NULL, NULL, NULL, NULL, 200, 'name:东镇|南村|褚五|55', 'f.xlsx', '当选人员', 12),
 ('清河县', '东镇', '南村', 2024, '村民委员会', '卫六', '委员', '男', NULL, 28, NULL, '共青团员', '大学本科', false, NULL, NULL, NULL, NULL, 230, 'name:东镇|南村|卫六|28', 'f.xlsx', '当选人员', 13),
 ('清河县', '西镇', '中心社区', 2024, '社区党组织', '沈一', '书记', '女', DATE '1985-07-01', NULL, NULL, '中共党员', '研究生', true, '330102198507010021', NULL, NULL, NULL, NULL, 'id:330102198507010021', 'f.xlsx', '当选人员', 14),
 ('清河县', '西镇', '中心社区', 2024, '社区党组织', '韩二', '委员', '男', DATE '1978-03-01', NULL, NULL, '中共党员', '高中', false, NULL, NULL, NULL, NULL, NULL, 'name:西镇|中心社区|韩二|1978-03-01', 'f.xlsx', '当选人员', 15),
 ('清河县', '西镇', '中心社区', 2024, '居民委员会', '沈一', '主任', '女', DATE '1985-07-01', NULL, NULL, '中共党员', '研究生', true, NULL, NULL, NULL, NULL, NULL, 'name:西镇|中心社区|沈一|1985-07-01', 'f.xlsx', '当选人员', 16),
 ('清河县', '西镇', '中心社区', 2024, '居民委员会', '杨三', '委员', '女', DATE '1992-01-01', NULL, NULL, '群众', '大学本科', true, NULL, NULL, NULL, NULL, NULL, 'name:西镇|中心社区|杨三|1992-01-01', 'f.xlsx', '当选人员', 17),
 ('清河县', '西镇', '第一选区', 2024, '乡级人大代表', '冯甲', '代表', '男', NULL, 40, NULL, '群众', '初中', false, NULL, NULL, NULL, '农民', NULL, 'name:西镇|第一选区|冯甲|40', 'f.xlsx', '当选人员', 18),
 ('清河县', '西镇', '第一选区', 2024, '乡级人大代表', '冯乙', '代表', '女', NULL, 50, NULL, '中共党员', '高中', true, NULL, NULL, NULL, '工人', NULL, 'name:西镇|第一选区|冯乙|50', 'f.xlsx', '当选人员', 19),
 ('清河县', '东镇', '东村', 2021, '村党组织', '张三', '书记', '男', DATE '1980-05-01', NULL, '汉族', '中共党员', '高中', false, '330102198005010011', NULL, NULL, NULL, NULL, 'id:330102198005010011', 'g.xlsx', '当选人员', 2),
 ('清河县', '东镇', '东村', 2021, '村党组织', '钱七', '委员', '男', NULL, 50, '汉族', '中共党员', '初中', true, NULL, NULL, NULL, NULL, NULL, 'name:东镇|东村|钱七|50', 'g.xlsx', '当选人员', 3),
 ('清河县', '东镇', '东村', 2021, '村党组织', '孙八', '委员', '女', DATE '1970-01-01', NULL, '汉族', '中共党员', '初中', true, NULL, NULL, NULL, NULL, NULL, 'name:东镇|东村|孙八|1970-01-01', 'g.xlsx', '当选人员', 4),
 ('清河县', '东镇', '东村', 2021, '村民委员会', '周九', '主任', '男', DATE '1960-02-01', NULL, '汉族', '群众', '初中', true, NULL, NULL, NULL, NULL, NULL, 'name:东镇|东村|周九|1960-02-01', 'g.xlsx', '当选人员', 5),
 ('清河县', '东镇', '东村', 2021, '村民委员会', '孙八', '委员', '女', DATE '1970-01-01', NULL, '汉族', '中共党员', '初中', true, NULL, NULL, NULL, NULL, NULL, 'name:东镇|东村|孙八|1970-01-01', 'g.xlsx', '当选人员', 6),
 ('清河县', '西镇', '西村', 2021, '村民委员会', '蒋七', '主任', '女', DATE '1968-08-01', NULL, '汉族', '群众', '小学及以下', false, NULL, NULL, NULL, NULL, NULL, 'name:西镇|西村|蒋七|1968-08-01', 'g.xlsx', '当选人员', 7),
 ('清河县', '西镇', '中心社区', 2021, '社区党组织', '沈一', '书记', '女', DATE '1985-07-01', NULL, NULL, '中共党员', '大学本科', false, NULL, NULL, NULL, NULL, NULL, 'name:西镇|中心社区|沈一|1985-07-01', 'g.xlsx', '当选人员', 8),
 ('清河县', '西镇', '中心社区', 2021, '居民委员会', '杨三', '主任', '女', DATE '1992-01-01', NULL, NULL, '群众', '大学本科', false, NULL, NULL, NULL, NULL, NULL, 'name:西镇|中心社区|杨三|1992-01-01', 'g.xlsx', '当选人员', 9);

INSERT INTO data_warnings VALUES
 ('f.xlsx', '当选人员', 5, '得票数', '800', 'votes_gt_voted', '得票数 800 与参加投票人数不符，请核对', '清河县', '东镇', '东村', 2024, '村民委员会'),
 ('g.xlsx', '当选人员', 5, NULL, NULL, 'old_warning', '上届的提示', '清河县', '东镇', '东村', 2021, '村民委员会');
