-- Scalar, IN, EXISTS, ANY/ALL subqueries, correlated or not; derived tables.
CREATE COLLECTION emp STRICT (id INT PRIMARY KEY, name TEXT, dept TEXT, salary INT);
> CREATE COLLECTION

INSERT INTO emp VALUES (1, 'ann', 'eng', 100), (2, 'bob', 'eng', 80), (3, 'cat', 'ops', 70),
  (4, 'dan', 'ops', 90), (5, 'eve', 'hr', 60);
> INSERT 0 5

SELECT name FROM emp WHERE salary > (SELECT avg(salary) FROM emp) ORDER BY name;
> name
> ann
> dan
> (2 rows)

SELECT name, (SELECT max(salary) FROM emp) - salary AS gap FROM emp ORDER BY id;
> name | gap
> ann | 0
> bob | 20
> cat | 30
> dan | 10
> eve | 40
> (5 rows)

SELECT name FROM emp e WHERE salary = (SELECT max(salary) FROM emp x WHERE x.dept = e.dept) ORDER BY name;
> name
> ann
> dan
> eve
> (3 rows)

SELECT name FROM emp WHERE dept IN (SELECT dept FROM emp WHERE salary < 75) ORDER BY name;
> name
> cat
> dan
> eve
> (3 rows)

SELECT name FROM emp WHERE dept NOT IN (SELECT dept FROM emp WHERE salary < 75) ORDER BY name;
> name
> ann
> bob
> (2 rows)

SELECT name FROM emp e WHERE EXISTS (SELECT 1 FROM emp x WHERE x.dept = e.dept AND x.id <> e.id) ORDER BY name;
> name
> ann
> bob
> cat
> dan
> (4 rows)

SELECT name FROM emp e WHERE NOT EXISTS (SELECT 1 FROM emp x WHERE x.dept = e.dept AND x.salary > e.salary)
  ORDER BY name;
> name
> ann
> dan
> eve
> (3 rows)

SELECT name FROM emp WHERE salary > ALL (SELECT salary FROM emp WHERE dept = 'ops') ORDER BY name;
> name
> ann
> (1 row)

SELECT name FROM emp WHERE salary < ANY (SELECT salary FROM emp WHERE dept = 'ops') ORDER BY name;
> name
> bob
> cat
> eve
> (3 rows)

SELECT d.dept, d.top FROM (SELECT dept, max(salary) AS top FROM emp GROUP BY dept) d WHERE d.top > 65
  ORDER BY d.dept;
> dept | top
> eng | 100
> ops | 90
> (2 rows)

SELECT (SELECT name FROM emp WHERE salary > 75);
> ERROR 21000: more than one row returned by a subquery used as an expression

SELECT (SELECT name FROM emp WHERE salary > 1000) IS NULL;
> ?column?
> true
> (1 row)

SELECT name FROM emp WHERE id IN (SELECT id, name FROM emp);
> ERROR 42601: subquery must return only one column (at position 31)

SELECT dept, (SELECT count(*) FROM emp x WHERE x.dept = e.dept) AS n FROM emp e GROUP BY dept ORDER BY dept;
> dept | n
> eng | 2
> hr | 1
> ops | 2
> (3 rows)

SELECT ARRAY(SELECT name FROM emp WHERE dept = 'eng' ORDER BY name) AS names;
> names
> ["ann","bob"]
> (1 row)

SELECT 3 IN (SELECT 1 UNION SELECT NULL);
> ?column?
> NULL
> (1 row)
