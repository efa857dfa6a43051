-- ORDER BY (several keys, ASC/DESC, NULLS FIRST/LAST, by alias and ordinal), LIMIT, OFFSET, DISTINCT.
CREATE COLLECTION t STRICT (id INT PRIMARY KEY, grp TEXT, v INT);
> CREATE COLLECTION

INSERT INTO t VALUES (1, 'a', 3), (2, 'b', NULL), (3, 'a', 1), (4, 'b', 2), (5, 'c', 3), (6, NULL, 0);
> INSERT 0 6

SELECT id, v FROM t ORDER BY v;
> id | v
> 6 | 0
> 3 | 1
> 4 | 2
> 1 | 3
> 5 | 3
> 2 | NULL
> (6 rows)

SELECT id, v FROM t ORDER BY v DESC;
> id | v
> 2 | NULL
> 1 | 3
> 5 | 3
> 4 | 2
> 3 | 1
> 6 | 0
> (6 rows)

SELECT id, v FROM t ORDER BY v NULLS FIRST, id;
> id | v
> 2 | NULL
> 6 | 0
> 3 | 1
> 4 | 2
> 1 | 3
> 5 | 3
> (6 rows)

SELECT id, v FROM t ORDER BY v DESC NULLS LAST, id DESC;
> id | v
> 5 | 3
> 1 | 3
> 4 | 2
> 3 | 1
> 6 | 0
> 2 | NULL
> (6 rows)

SELECT grp, id FROM t ORDER BY grp, id DESC;
> grp | id
> a | 3
> a | 1
> b | 4
> b | 2
> c | 5
> NULL | 6
> (6 rows)

SELECT id AS k, v FROM t ORDER BY k DESC LIMIT 2;
> k | v
> 6 | 0
> 5 | 3
> (2 rows)

SELECT id, v FROM t ORDER BY 2, 1 LIMIT 3 OFFSET 1;
> id | v
> 3 | 1
> 4 | 2
> 1 | 3
> (3 rows)

SELECT id FROM t ORDER BY id LIMIT 0;
> id
> (0 rows)

SELECT id FROM t ORDER BY id OFFSET 4;
> id
> 5
> 6
> (2 rows)

SELECT id FROM t ORDER BY id FETCH FIRST 2 ROWS ONLY;
> id
> 1
> 2
> (2 rows)

SELECT id FROM t ORDER BY v * -1, id LIMIT 2;
> id
> 1
> 5
> (2 rows)

SELECT id FROM t ORDER BY 3;
> ERROR 42P10

SELECT DISTINCT grp FROM t ORDER BY grp;
> grp
> a
> b
> c
> NULL
> (4 rows)

SELECT DISTINCT grp, v > 1 AS big FROM t ORDER BY grp, big;
> grp | big
> a | false
> a | true
> b | true
> b | NULL
> c | true
> NULL | false
> (6 rows)

SELECT DISTINCT grp FROM t ORDER BY v;
> ERROR 42P10

SELECT id FROM t LIMIT -1;
> ERROR 22023: LIMIT must be a non-negative integer, got -1

-- After a *, ORDER BY an alias or a repeated expression still names the right output column.
CREATE TABLE star_order (id INT PRIMARY KEY, name TEXT, score INT);
> CREATE COLLECTION

INSERT INTO star_order VALUES (1, 'a', 30), (2, 'b', 10), (3, 'c', 20);
> INSERT 0 3

SELECT *, -score AS neg FROM star_order ORDER BY neg;
> id | name | score | neg
> 1 | a | 30 | -30
> 3 | c | 20 | -20
> 2 | b | 10 | -10
> (3 rows)

SELECT *, score * 2 FROM star_order ORDER BY score * 2 DESC;
> id | name | score | ?column?
> 1 | a | 30 | 60
> 3 | c | 20 | 40
> 2 | b | 10 | 20
> (3 rows)

-- A schemaless field may hold a timestamp in one document and text in another: ORDER BY still orders every row,
-- kind by kind (text before timestamps), and text is not read as a time, so no row can fail the sort.
CREATE COLLECTION mixed;
> CREATE COLLECTION

INSERT INTO mixed [{ id: 1, at: TIMESTAMP '2024-01-02 00:00:00' }, { id: 2, at: 'not a time' }, { id: 3, at: '2024-01-01 12:00:00' }, { id: 4, at: TIMESTAMP '2023-06-01 00:00:00' }, { id: 5, at: 7 }, { id: 6 }];
> INSERT 0 6

SELECT id, at::text AS shown FROM mixed ORDER BY at, id;
> id | shown
> 5 | 7
> 3 | 2024-01-01 12:00:00
> 2 | not a time
> 4 | 2023-06-01 00:00:00+00
> 1 | 2024-01-02 00:00:00+00
> 6 | NULL
> (6 rows)

SELECT id FROM mixed ORDER BY at DESC, id;
> id
> 6
> 1
> 4
> 2
> 3
> 5
> (6 rows)

SELECT min(at)::text AS lo, max(at)::text AS hi FROM mixed WHERE id < 5;
> lo | hi
> 2024-01-01 12:00:00 | 2024-01-02 00:00:00+00
> (1 row)

SELECT greatest(TIMESTAMP '2024-01-01 00:00:00', '2023-01-01 00:00:00')::text AS g;
> g
> 2024-01-01 00:00:00+00
> (1 row)
