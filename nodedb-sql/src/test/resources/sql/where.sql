-- WHERE: comparisons, AND/OR/NOT with three-valued logic, IN, BETWEEN, LIKE, ILIKE, IS [NOT] NULL.
CREATE COLLECTION t STRICT (id INT PRIMARY KEY, name TEXT, score INT, flag BOOL);
> CREATE COLLECTION

INSERT INTO t VALUES (1, 'alpha', 10, true), (2, 'Beta', 20, false), (3, 'gamma', NULL, NULL),
  (4, 'delta', 40, true), (5, NULL, 50, false);
> INSERT 0 5

SELECT id FROM t WHERE score > 15 ORDER BY id;
> id
> 2
> 4
> 5
> (3 rows)

SELECT id FROM t WHERE score <> 20 ORDER BY id;
> id
> 1
> 4
> 5
> (3 rows)

SELECT id FROM t WHERE score != 20 AND flag ORDER BY id;
> id
> 1
> 4
> (2 rows)

SELECT id FROM t WHERE score = 10 OR flag IS NULL ORDER BY id;
> id
> 1
> 3
> (2 rows)

SELECT id FROM t WHERE NOT flag ORDER BY id;
> id
> 2
> 5
> (2 rows)

SELECT id FROM t WHERE NOT (score > 100) ORDER BY id;
> id
> 1
> 2
> 4
> 5
> (4 rows)

SELECT id FROM t WHERE id IN (1, 3, 9) ORDER BY id;
> id
> 1
> 3
> (2 rows)

SELECT id FROM t WHERE score NOT IN (10, 20) ORDER BY id;
> id
> 4
> 5
> (2 rows)

SELECT id FROM t WHERE score NOT IN (10, NULL);
> id
> (0 rows)

SELECT id FROM t WHERE score BETWEEN 20 AND 40 ORDER BY id;
> id
> 2
> 4
> (2 rows)

SELECT id FROM t WHERE score NOT BETWEEN 20 AND 40 ORDER BY id;
> id
> 1
> 5
> (2 rows)

SELECT id FROM t WHERE name LIKE '%a' ORDER BY id;
> id
> 1
> 2
> 3
> 4
> (4 rows)

SELECT id FROM t WHERE name LIKE '_e%' ORDER BY id;
> id
> 2
> 4
> (2 rows)

SELECT id FROM t WHERE name ILIKE 'b%' ORDER BY id;
> id
> 2
> (1 row)

SELECT id FROM t WHERE name NOT LIKE '%l%' ORDER BY id;
> id
> 2
> 3
> (2 rows)

SELECT id FROM t WHERE name IS NULL;
> id
> 5
> (1 row)

SELECT id FROM t WHERE score IS NOT NULL AND flag IS NOT TRUE ORDER BY id;
> id
> 2
> 5
> (2 rows)

SELECT id FROM t WHERE flag IS FALSE ORDER BY id;
> id
> 2
> 5
> (2 rows)

SELECT id FROM t WHERE score IS DISTINCT FROM 10 ORDER BY id;
> id
> 2
> 3
> 4
> 5
> (4 rows)

SELECT id FROM t WHERE score IS NOT DISTINCT FROM NULL;
> id
> 3
> (1 row)

SELECT NULL AND false, NULL AND true, NULL OR true, NULL OR false, NOT NULL;
> ?column? | ?column? | ?column? | ?column? | ?column?
> false | NULL | true | NULL | NULL
> (1 row)

SELECT 1 = NULL, NULL = NULL, NULL IS NULL, 1 IN (NULL, 1), 2 IN (NULL, 1);
> ?column? | ?column? | ?column? | ?column? | ?column?
> NULL | NULL | true | true | NULL
> (1 row)

SELECT id FROM t WHERE score;
> ERROR 42804: argument of a condition must be BOOL, not BIGINT

SELECT id FROM t WHERE id = '2';
> id
> 2
> (1 row)

SELECT id FROM t WHERE id = 'two';
> ERROR 22P02: invalid input syntax for type BIGINT: "two"

-- A primary-key equality is a point get; the rest of the condition still applies.
SELECT name FROM t WHERE id = 4 AND score > 100;
> name
> (0 rows)

SELECT name FROM t WHERE id = 4 AND score > 10;
> name
> delta
> (1 row)

SELECT name FROM t WHERE id IN (5, 1, 5) ORDER BY id;
> name
> alpha
> NULL
> (2 rows)
