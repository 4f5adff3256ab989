-- The person rules (issue 8 items 7 and 8) on one village, 甲村 of 甲镇, 2024:
--   王五 is the 村党组织 书记, elected on 1 March at written age 45, and the 村民委员会 主任, elected on
--   1 June at written age 46: his birthday falls between the two elections. Neither row gives a birth or
--   an id number. He is one person: 一肩挑, 交叉任职.
--   王五 (another one) is a 委员 of the 村民委员会 at written age 60: a different person of the same name.
--   张三 gives 出生年月 1980-03 and a 身份证号 saying 20 March 1980: on 1 March 2024 he is 43, not 44.
--   李四 gives only 出生年月 1990-03: 34 on 1 March (born on the 1st, by convention).
INSERT INTO elections (county, township, unit, year, body, registered, voted, seats, candidates, elected,
                       election_date, source_file, source_sheet, source_row) VALUES
 ('甲县', '甲镇', '甲村', 2024, '村党组织', 30, 28, 3, 4, 3, DATE '2024-03-01', 'p.xlsx', '选举结果', 2),
 ('甲县', '甲镇', '甲村', 2024, '村民委员会', 900, 850, 3, 4, 3, DATE '2024-06-01', 'p.xlsx', '选举结果', 3);
INSERT INTO members (county, township, unit, year, body, name, position, gender, birth, age, party, education,
                     id_number, person_key, source_file, source_sheet, source_row) VALUES
 ('甲县', '甲镇', '甲村', 2024, '村党组织', '王五', '书记', '男', NULL, 45, '中共党员', '高中', NULL, 'name:甲镇|甲村|王五|age:45', 'p.xlsx', '当选人员', 2),
 ('甲县', '甲镇', '甲村', 2024, '村党组织', '张三', '委员', '男', DATE '1980-03-01', NULL, '中共党员', '高中', '330102198003200011', 'id:330102198003200011', 'p.xlsx', '当选人员', 3),
 ('甲县', '甲镇', '甲村', 2024, '村党组织', '李四', '委员', '女', DATE '1990-03-01', NULL, '中共党员', '高中', NULL, 'name:甲镇|甲村|李四|1990-03', 'p.xlsx', '当选人员', 4),
 ('甲县', '甲镇', '甲村', 2024, '村民委员会', '王五', '主任', '男', NULL, 46, '中共党员', '高中', NULL, 'name:甲镇|甲村|王五|age:46', 'p.xlsx', '当选人员', 5),
 ('甲县', '甲镇', '甲村', 2024, '村民委员会', '王五', '委员', '男', NULL, 60, '群众', '初中', NULL, 'name:甲镇|甲村|王五|age:60', 'p.xlsx', '当选人员', 6),
 ('甲县', '甲镇', '甲村', 2024, '村民委员会', '赵六', '副主任', '女', NULL, 50, '群众', '初中', NULL, 'name:甲镇|甲村|赵六|age:50', 'p.xlsx', '当选人员', 7);
