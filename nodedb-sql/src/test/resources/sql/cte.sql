-- WITH and WITH RECURSIVE.
CREATE COLLECTION emp STRICT (id INT PRIMARY KEY, name TEXT, manager INT);
> CREATE COLLECTION

INSERT INTO emp VALUES (1, 'root', NULL), (2, 'a', 1), (3, 'b', 1), (4, 'c', 2), (5, 'd', 4);
> INSERT 0 5

WITH m AS (SELECT id, name FROM emp WHERE manager = 1) SELECT name FROM m ORDER BY name;
> name
> a
> b
> (2 rows)

WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a) SELECT x, y FROM a, b;
> x | y
> 1 | 2
> (1 row)

WITH t (n, label) AS (VALUES (1, 'one'), (2, 'two')) SELECT label FROM t WHERE n = 2;
> label
> two
> (1 row)

WITH RECURSIVE nums (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM nums WHERE n < 5) SELECT n FROM nums;
> n
> 1
> 2
> 3
> 4
> 5
> (5 rows)

WITH RECURSIVE chain AS (
  SELECT id, name, 0 AS depth FROM emp WHERE id = 5
  UNION ALL
  SELECT e.id, e.name, c.depth + 1 FROM emp e JOIN chain c ON e.id = (SELECT manager FROM emp WHERE id = c.id)
) SELECT name, depth FROM chain ORDER BY depth;
> name | depth
> d | 0
> c | 1
> a | 2
> root | 3
> (4 rows)

WITH RECURSIVE sub AS (
  SELECT id, name FROM emp WHERE id = 2
  UNION
  SELECT e.id, e.name FROM emp e JOIN sub s ON e.manager = s.id
) SELECT name FROM sub ORDER BY id;
> name
> a
> c
> d
> (3 rows)

WITH RECURSIVE cyc (n) AS (SELECT 1 UNION SELECT (n % 3) + 1 FROM cyc) SELECT n FROM cyc ORDER BY n;
> n
> 1
> 2
> 3
> (3 rows)

WITH x AS (SELECT 1 AS v) SELECT x.v, y.v FROM x JOIN x AS y USING (v);
> v | v
> 1 | 1
> (1 row)

WITH bad (a, b) AS (SELECT 1) SELECT * FROM bad;
> ERROR 42601: expected 1 column names, got 2 (at position 6)
