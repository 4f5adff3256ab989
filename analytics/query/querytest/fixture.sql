-- A small county for the ad hoc query tests: two townships, three villages, terms 2021 and 2024.
-- 东村 changed its 村民委员会 主任 in 2024 and has no woman on it; 西村 has 一肩挑 and a low turnout; 南村
-- exists in 2024 only.
INSERT INTO units VALUES
    ('测试县', '城关镇', '东村', '村'),
    ('测试县', '城关镇', '西村', '村'),
    ('测试县', '河口乡', '南村', '村');

INSERT INTO elections (county, township, unit, year, body, term, method, registered, voted, proxy_votes, mobile_votes,
                       valid_ballots, invalid_ballots, seats, candidates, elected, election_date, first_round,
                       source_file, source_sheet, source_row) VALUES
    ('测试县', '城关镇', '东村', 2021, '村民委员会', 11, '有候选人', 1000, 950, 10, 5, 940, 10, 3, 4, 3, DATE '2021-05-10', true, 'f.xlsx', 's', 2),
    ('测试县', '城关镇', '东村', 2021, '村党组织', 11, '两推一选', 50, 48, NULL, NULL, 48, 0, 3, 4, 3, DATE '2021-04-10', true, 'f.xlsx', 's', 3),
    ('测试县', '城关镇', '西村', 2021, '村民委员会', 11, '有候选人', 800, 760, 0, 0, 760, 0, 3, 4, 3, DATE '2021-05-10', true, 'f.xlsx', 's', 4),
    ('测试县', '城关镇', '西村', 2021, '村党组织', 11, '两推一选', 40, 39, NULL, NULL, 39, 0, 3, 4, 3, DATE '2021-04-10', true, 'f.xlsx', 's', 5),
    ('测试县', '城关镇', '东村', 2024, '村民委员会', 12, '有候选人', 1010, 980, 12, 3, 975, 5, 3, 4, 3, DATE '2024-05-10', true, 'f.xlsx', 's', 6),
    ('测试县', '城关镇', '东村', 2024, '村党组织', 12, '两推一选', 52, 50, NULL, NULL, 50, 0, 3, 4, 3, DATE '2024-04-10', true, 'f.xlsx', 's', 7),
    ('测试县', '城关镇', '西村', 2024, '村民委员会', 12, '有候选人', 820, 400, 0, 0, 398, 2, 3, 4, 3, DATE '2024-05-12', false, 'f.xlsx', 's', 8),
    ('测试县', '城关镇', '西村', 2024, '村党组织', 12, '两推一选', 40, 30, NULL, NULL, 30, 0, 3, 3, 3, DATE '2024-04-12', true, 'f.xlsx', 's', 9),
    ('测试县', '河口乡', '南村', 2024, '村民委员会', 1, '有候选人', 600, 590, 0, 0, 590, 0, 3, 4, 3, DATE '2024-05-15', true, 'f.xlsx', 's', 10),
    ('测试县', '河口乡', '南村', 2024, '村党组织', 1, '两推一选', 30, 29, NULL, NULL, 29, 0, 3, 4, 3, DATE '2024-04-15', true, 'f.xlsx', 's', 11);

INSERT INTO members (county, township, unit, year, body, name, position, gender, birth, age, ethnicity, party, education,
                     reelected, id_number, wealth_leader, graduate_official, category, votes, person_key,
                     source_file, source_sheet, source_row) VALUES
    -- 2021
    ('测试县', '城关镇', '东村', 2021, '村党组织', '张一', '书记', '男', DATE '1970-03-01', NULL, '汉族', '中共党员', '高中', false, NULL, true, false, NULL, 45, 'name:城关镇|东村|张一|1970-03-01', 'f.xlsx', 'm', 2),
    ('测试县', '城关镇', '东村', 2021, '村民委员会', '李二', '主任', '男', DATE '1968-07-01', NULL, '汉族', '群众', '初中', false, NULL, false, false, NULL, 800, 'name:城关镇|东村|李二|1968-07-01', 'f.xlsx', 'm', 3),
    ('测试县', '城关镇', '东村', 2021, '村民委员会', '王三', '委员', '男', DATE '1975-01-01', NULL, '汉族', '群众', '初中', false, NULL, false, false, NULL, 700, 'name:城关镇|东村|王三|1975-01-01', 'f.xlsx', 'm', 4),
    ('测试县', '城关镇', '西村', 2021, '村党组织', '赵四', '书记', '男', DATE '1960-02-01', NULL, '汉族', '中共党员', '大学专科', false, NULL, false, false, NULL, 38, 'name:城关镇|西村|赵四|1960-02-01', 'f.xlsx', 'm', 5),
    ('测试县', '城关镇', '西村', 2021, '村民委员会', '赵四', '主任', '男', DATE '1960-02-01', NULL, '汉族', '中共党员', '大学专科', false, NULL, false, false, NULL, 700, 'name:城关镇|西村|赵四|1960-02-01', 'f.xlsx', 'm', 6),
    ('测试县', '城关镇', '西村', 2021, '村民委员会', '钱五', '委员', '女', DATE '1985-09-01', NULL, '汉族', '群众', '高中', false, NULL, false, false, NULL, 650, 'name:城关镇|西村|钱五|1985-09-01', 'f.xlsx', 'm', 7),
    -- 2024
    ('测试县', '城关镇', '东村', 2024, '村党组织', '张一', '书记', '男', DATE '1970-03-01', NULL, '汉族', '中共党员', '高中', true, NULL, true, false, NULL, 48, 'name:城关镇|东村|张一|1970-03-01', 'f.xlsx', 'm', 8),
    ('测试县', '城关镇', '东村', 2024, '村民委员会', '孙六', '主任', '男', DATE '1990-10-01', NULL, '汉族', '中共党员', '大学本科', false, NULL, false, true, NULL, 900, 'name:城关镇|东村|孙六|1990-10-01', 'f.xlsx', 'm', 9),
    ('测试县', '城关镇', '东村', 2024, '村民委员会', '王三', '委员', '男', DATE '1975-01-01', NULL, '汉族', '群众', '初中', true, NULL, false, false, NULL, 600, 'name:城关镇|东村|王三|1975-01-01', 'f.xlsx', 'm', 10),
    ('测试县', '城关镇', '西村', 2024, '村党组织', '赵四', '书记', '男', DATE '1960-02-01', NULL, '汉族', '中共党员', '大学专科', true, NULL, false, false, NULL, 28, 'name:城关镇|西村|赵四|1960-02-01', 'f.xlsx', 'm', 11),
    ('测试县', '城关镇', '西村', 2024, '村民委员会', '赵四', '主任', '男', DATE '1960-02-01', NULL, '汉族', '中共党员', '大学专科', true, NULL, false, false, NULL, 190, 'name:城关镇|西村|赵四|1960-02-01', 'f.xlsx', 'm', 12),
    ('测试县', '城关镇', '西村', 2024, '村民委员会', '钱五', '委员', '女', DATE '1985-09-01', NULL, '汉族', '群众', '高中', true, NULL, false, false, NULL, 350, 'name:城关镇|西村|钱五|1985-09-01', 'f.xlsx', 'm', 13),
    ('测试县', '河口乡', '南村', 2024, '村党组织', '周七', '书记', '女', NULL, 42, '回族', '中共党员', '大学本科', false, '110101198201011245', false, false, NULL, 29, 'id:110101198201011245', 'f.xlsx', 'm', 14),
    ('测试县', '河口乡', '南村', 2024, '村民委员会', '吴八', '主任', '男', NULL, 55, '汉族', '中共预备党员', '中专', false, NULL, false, false, NULL, 500, 'name:河口乡|南村|吴八|55', 'f.xlsx', 'm', 15),
    ('测试县', '河口乡', '南村', 2024, '村民委员会', '郑九', '委员', '女', NULL, 33, '汉族', '群众', '大学专科', false, NULL, false, false, NULL, 480, 'name:河口乡|南村|郑九|33', 'f.xlsx', 'm', 16);
