-- Full scans of strict tables decode rows straight from their tuples, reading only the columns a single-table
-- SELECT names; these check the result is the same as reading whole rows: schema versions, NULLs, pending writes.
CREATE TABLE m (id BIGINT PRIMARY KEY, grp BIGINT, name TEXT, v DOUBLE);
> CREATE COLLECTION

INSERT INTO m VALUES (1, 1, 'a', 1.5), (2, 1, 'b', 2.5), (3, 2, 'c', NULL), (4, NULL, 'd', 4.0), (5, 2, NULL, 0.5);
> INSERT 0 5

SELECT grp, count(*), count(v), sum(v), avg(v), min(name), max(v) FROM m GROUP BY grp ORDER BY grp;
> grp | count | count | sum | avg | min | max
> 1 | 2 | 2 | 4 | 2 | a | 2.5
> 2 | 2 | 1 | 0.5 | 0.5 | c | 0.5
> NULL | 1 | 1 | 4 | 4 | d | 4
> (3 rows)

SELECT count(*) FROM m;
> count
> 5
> (1 row)

SELECT name FROM m WHERE v > 1 ORDER BY name;
> name
> a
> b
> d
> (3 rows)

SELECT m.grp, sum(m.id) FROM m GROUP BY m.grp HAVING sum(m.id) > 3 ORDER BY 1;
> grp | sum
> 2 | 8
> NULL | 4
> (2 rows)

-- A subquery may read the outer row's columns: the outer scan then reads every column.
SELECT id FROM m WHERE v > (SELECT min(v) FROM m AS i WHERE i.grp = m.grp) ORDER BY id;
> id
> 2
> (1 row)

-- Rows of two schema versions: the added column reads as its default in the older rows, a renamed one keeps its
-- data, a dropped one is gone.
ALTER TABLE m ADD COLUMN w BIGINT DEFAULT 10;
> ALTER COLLECTION

INSERT INTO m (id, grp, name, v, w) VALUES (6, 1, 'f', 6.0, 1), (7, 3, 'g', NULL, NULL);
> INSERT 0 2

SELECT grp, count(*), sum(w), sum(v) FROM m GROUP BY grp ORDER BY grp;
> grp | count | sum | sum
> 1 | 3 | 21 | 10
> 2 | 2 | 20 | 0.5
> 3 | 1 | NULL | NULL
> NULL | 1 | 10 | 4
> (4 rows)

ALTER TABLE m RENAME COLUMN name TO label;
> ALTER COLLECTION

ALTER TABLE m DROP COLUMN v;
> ALTER COLLECTION

SELECT grp, max(label), sum(w) FROM m GROUP BY grp ORDER BY grp;
> grp | max | sum
> 1 | f | 21
> 2 | c | 20
> 3 | g | NULL
> NULL | d | 10
> (4 rows)

SELECT * FROM m ORDER BY id;
> id | grp | label | w
> 1 | 1 | a | 10
> 2 | 1 | b | 10
> 3 | 2 | c | 10
> 4 | NULL | d | 10
> 5 | 2 | NULL | 10
> 6 | 1 | f | 1
> 7 | 3 | g | NULL
> (7 rows)

-- SUM stays exact over BIGINT, widening to DECIMAL past its range, and mixes with DOUBLE as + does.
CREATE TABLE big (id BIGINT PRIMARY KEY, n BIGINT, d DOUBLE);
> CREATE COLLECTION

INSERT INTO big VALUES (1, 9223372036854775807, 1), (2, 9223372036854775807, 0.5), (3, -1, NULL);
> INSERT 0 3

SELECT sum(n), avg(n), sum(d), sum(n + d), sum(id), avg(d) FROM big;
> sum | avg | sum | sum | sum | avg
> 18446744073709551613 | 6148914691236517204.333333333333333 | 1.5 | 1.8446744073709552e+19 | 6 | 0.75
> (1 row)

-- Inside a transaction the scan sees the transaction's own pending writes, and an index lookup does too.
CREATE INDEX m_label ON m (label);
> CREATE INDEX

-- Point gets and index lookups decode rows by position too, whatever version wrote them.
SELECT * FROM m WHERE id = 4;
> id | grp | label | w
> 4 | NULL | d | 10
> (1 row)

SELECT * FROM m WHERE id IN (6, 1, 99) ORDER BY id;
> id | grp | label | w
> 1 | 1 | a | 10
> 6 | 1 | f | 1
> (2 rows)

SELECT id, w, grp FROM m WHERE label IN ('a', 'f') ORDER BY id;
> id | w | grp
> 1 | 10 | 1
> 6 | 1 | 1
> (2 rows)

BEGIN;
> BEGIN

INSERT INTO m (id, grp, label, w) VALUES (8, 1, 'h', 100);
> INSERT 0 1

UPDATE m SET w = 50 WHERE id = 1;
> UPDATE 1

DELETE FROM m WHERE id = 7;
> DELETE 1

SELECT grp, count(*), sum(w) FROM m GROUP BY grp ORDER BY grp;
> grp | count | sum
> 1 | 4 | 161
> 2 | 2 | 20
> NULL | 1 | 10
> (3 rows)

SELECT id, w FROM m WHERE label = 'h';
> id | w
> 8 | 100
> (1 row)

UPDATE m SET label = 'h' WHERE id = 2;
> UPDATE 1

SELECT id, w FROM m WHERE label = 'h' ORDER BY id;
> id | w
> 2 | 10
> 8 | 100
> (2 rows)

SELECT id FROM m WHERE label = 'b';
> id
> (0 rows)

ROLLBACK;
> ROLLBACK

SELECT grp, count(*), sum(w) FROM m GROUP BY grp ORDER BY grp;
> grp | count | sum
> 1 | 3 | 21
> 2 | 2 | 20
> 3 | 1 | NULL
> NULL | 1 | 10
> (4 rows)

SELECT id FROM m WHERE label = 'h';
> id
> (0 rows)

EXPLAIN SELECT grp, count(*), sum(w) FROM m GROUP BY grp;
> QUERY PLAN
> Project (3 columns)
> ->  Hash Aggregate (2 aggregates)
>   ->  Seq Scan on m
> (3 rows)
