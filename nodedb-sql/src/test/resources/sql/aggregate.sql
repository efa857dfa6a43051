-- Aggregates, GROUP BY, HAVING.
CREATE COLLECTION sales STRICT (id INT PRIMARY KEY, region TEXT, product TEXT, qty INT, price DECIMAL);
> CREATE COLLECTION

INSERT INTO sales VALUES (1, 'north', 'apple', 10, 1.50), (2, 'north', 'pear', 5, 2.00),
  (3, 'south', 'apple', 7, 1.50), (4, 'south', 'apple', NULL, 1.75), (5, 'east', 'plum', 3, NULL);
> INSERT 0 5

SELECT count(*), count(qty), sum(qty), avg(qty), min(qty), max(qty) FROM sales;
> count | count | sum | avg | min | max
> 5 | 4 | 25 | 6.25 | 3 | 10
> (1 row)

SELECT region, count(*) AS n, sum(qty * price) AS revenue FROM sales GROUP BY region ORDER BY region;
> region | n | revenue
> east | 1 | NULL
> north | 2 | 25.00
> south | 2 | 10.50
> (3 rows)

SELECT product, count(DISTINCT region) AS regions FROM sales GROUP BY product ORDER BY product;
> product | regions
> apple | 2
> pear | 1
> plum | 1
> (3 rows)

SELECT region, sum(qty) FROM sales GROUP BY region HAVING sum(qty) > 10 ORDER BY 1;
> region | sum
> north | 15
> (1 row)

SELECT region, max(price) FROM sales GROUP BY 1 HAVING count(*) > 1 ORDER BY region DESC;
> region | max
> south | 1.75
> north | 2.00
> (2 rows)

SELECT string_agg(product, ', ' ORDER BY id) AS products, array_agg(qty ORDER BY id DESC) AS qtys FROM sales;
> products | qtys
> apple, pear, apple, apple, plum | [3,null,7,5,10]
> (1 row)

SELECT region AS r, count(*) FROM sales GROUP BY r ORDER BY count(*) DESC, r;
> r | count
> north | 2
> south | 2
> east | 1
> (3 rows)

SELECT count(*) FROM sales WHERE qty > 100;
> count
> 0
> (1 row)

SELECT sum(qty), max(region), avg(price) FROM sales WHERE qty > 100;
> sum | max | avg
> NULL | NULL | NULL
> (1 row)

SELECT region FROM sales GROUP BY region HAVING min(qty) IS NULL;
> region
> (0 rows)

SELECT count(*) FILTER (WHERE qty > 5) AS big, count(*) AS all_rows FROM sales;
> big | all_rows
> 2 | 5
> (1 row)

SELECT bool_and(qty > 2), bool_or(qty > 9) FROM sales;
> bool_and | bool_or
> true | true
> (1 row)

SELECT avg(price) FROM sales WHERE region = 'north';
> avg
> 1.75
> (1 row)

SELECT region, qty FROM sales GROUP BY region;
> ERROR 42803: column "qty" must appear in the GROUP BY clause or be used in an aggregate function (at position 16)

SELECT sum(qty) FROM sales WHERE count(*) > 1;
> ERROR 42803: aggregate functions are not allowed in WHERE (at position 34)

SELECT * FROM sales GROUP BY region;
> ERROR 42803: SELECT * is not allowed with GROUP BY or aggregates (at position 8)

SELECT sum(region) FROM sales;
> ERROR 42804: function sum does not accept TEXT

SELECT upper(region), count(*) FROM sales GROUP BY upper(region) ORDER BY 1;
> upper | count
> EAST | 1
> NORTH | 2
> SOUTH | 2
> (3 rows)

SELECT count(*) + 1 AS n1, max(qty) - min(qty) AS spread FROM sales;
> n1 | spread
> 6 | 7
> (1 row)

-- Grouping schemaless fields.
CREATE COLLECTION sessions;
> CREATE COLLECTION

INSERT INTO sessions [ { key: 'a', role: 'admin' }, { key: 'b', role: 'user' }, { key: 'c', role: 'admin' },
  { key: 'd' } ];
> INSERT 0 4

SELECT role, COUNT(*) AS active_sessions FROM sessions GROUP BY role ORDER BY role;
> role | active_sessions
> admin | 2
> user | 1
> NULL | 1
> (3 rows)

-- SUM of BIGINTs widens instead of overflowing.
CREATE COLLECTION big STRICT (v BIGINT);
> CREATE COLLECTION

INSERT INTO big (v) VALUES (9223372036854775807), (9223372036854775807);
> INSERT 0 2

SELECT sum(v) FROM big;
> sum
> 18446744073709551614
> (1 row)

-- GROUPING SETS, ROLLUP and CUBE: one aggregation per set; keys outside a set are NULL, GROUPING() tells them apart.
CREATE TABLE sales_gs (id INT PRIMARY KEY, region TEXT, product TEXT, amount INT);
> CREATE COLLECTION

INSERT INTO sales_gs VALUES (1, 'east', 'pen', 10), (2, 'east', 'ink', 5), (3, 'west', 'pen', 7), (4, 'west', NULL, 1);
> INSERT 0 4

SELECT region, product, sum(amount) AS total, GROUPING(region, product) AS g FROM sales_gs GROUP BY ROLLUP (region, product) ORDER BY g, region, product;
> region | product | total | g
> east | ink | 5 | 0
> east | pen | 10 | 0
> west | pen | 7 | 0
> west | NULL | 1 | 0
> east | NULL | 15 | 1
> west | NULL | 8 | 1
> NULL | NULL | 23 | 3
> (7 rows)

SELECT region, product, count(*) FROM sales_gs GROUP BY CUBE (region, product) ORDER BY GROUPING(region), GROUPING(product), region, product;
> region | product | count
> east | ink | 1
> east | pen | 1
> west | pen | 1
> west | NULL | 1
> east | NULL | 2
> west | NULL | 2
> NULL | ink | 1
> NULL | pen | 2
> NULL | NULL | 1
> NULL | NULL | 4
> (10 rows)

SELECT region, product, sum(amount) FROM sales_gs GROUP BY GROUPING SETS ((region), (product), ()) ORDER BY region, product, 3;
> region | product | sum
> east | NULL | 15
> west | NULL | 8
> NULL | ink | 5
> NULL | pen | 17
> NULL | NULL | 1
> NULL | NULL | 23
> (6 rows)

SELECT region, product, sum(amount) FROM sales_gs GROUP BY region, ROLLUP (product) HAVING GROUPING(product) = 1 ORDER BY region;
> region | product | sum
> east | NULL | 15
> west | NULL | 8
> (2 rows)

EXPLAIN SELECT region, sum(amount) FROM sales_gs GROUP BY ROLLUP (region);
> QUERY PLAN
> Project (2 columns)
> ->  Hash Aggregate over 2 grouping sets (1 aggregates)
>   ->  Seq Scan on sales_gs
> (3 rows)

SELECT sum(amount) FROM sales_gs WHERE id > 100 GROUP BY GROUPING SETS ((region), ());
> sum
> NULL
> (1 row)

SELECT region, GROUPING(product) FROM sales_gs GROUP BY region;
> ERROR 42803: arguments to GROUPING must be grouping expressions of the associated query level (at position 25)
