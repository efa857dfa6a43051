-- UNION [ALL], INTERSECT, EXCEPT.
SELECT 1 AS n UNION SELECT 2 UNION SELECT 1 ORDER BY n;
> n
> 1
> 2
> (2 rows)

SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 1 ORDER BY n;
> n
> 1
> 1
> 2
> (3 rows)

VALUES (1), (2), (2), (3) INTERSECT VALUES (2), (3), (4);
> column1
> 2
> 3
> (2 rows)

VALUES (1), (2), (2), (3) EXCEPT VALUES (2);
> column1
> 1
> 3
> (2 rows)

VALUES (1), (2), (2), (3) EXCEPT ALL VALUES (2);
> column1
> 1
> 2
> 3
> (3 rows)

VALUES (1), (2), (2), (3) INTERSECT ALL VALUES (2), (2), (2);
> column1
> 2
> 2
> (2 rows)

SELECT NULL UNION SELECT NULL;
> ?column?
> NULL
> (1 row)

(SELECT 3 AS x UNION SELECT 1) ORDER BY x DESC LIMIT 1;
> x
> 3
> (1 row)

SELECT 1 UNION SELECT 1, 2;
> ERROR 42601: each UNION query must have the same number of columns (at position 10)

CREATE COLLECTION a STRICT (v INT);
> CREATE COLLECTION

CREATE COLLECTION b STRICT (v INT);
> CREATE COLLECTION

INSERT INTO a (v) VALUES (1), (2), (3);
> INSERT 0 3

INSERT INTO b (v) VALUES (3), (4);
> INSERT 0 2

SELECT v FROM a UNION SELECT v FROM b ORDER BY v;
> v
> 1
> 2
> 3
> 4
> (4 rows)

SELECT v FROM a EXCEPT SELECT v FROM b ORDER BY 1;
> v
> 1
> 2
> (2 rows)

SELECT v FROM a INTERSECT SELECT v FROM b;
> v
> 3
> (1 row)
