-- LATERAL: a subquery or function in FROM that reads the columns of the items before it, run once per their row.
CREATE TABLE customers (id INT PRIMARY KEY, name TEXT, top INT);
> CREATE COLLECTION

CREATE TABLE orders (id INT PRIMARY KEY, customer INT, total DOUBLE);
> CREATE COLLECTION

INSERT INTO customers VALUES (1, 'ann', 2), (2, 'bob', 1), (3, 'cid', 5);
> INSERT 0 3

INSERT INTO orders VALUES (10, 1, 5.0), (11, 1, 20.0), (12, 1, 12.5), (13, 2, 7.0), (14, 2, 9.0);
> INSERT 0 5

-- The latest order per customer; a customer without one drops out of the comma join.
SELECT c.name, o.id, o.total FROM customers c, LATERAL (SELECT id, total FROM orders WHERE customer = c.id ORDER BY id DESC LIMIT 1) o ORDER BY c.name;
> name | id | total
> ann | 12 | 12.5
> bob | 14 | 9
> (2 rows)

-- The two biggest orders per customer, above a threshold read from the customer row.
SELECT c.name, o.total FROM customers c CROSS JOIN LATERAL (SELECT total FROM orders WHERE customer = c.id AND total > c.top * 3 ORDER BY total DESC LIMIT 2) AS o ORDER BY c.name, o.total DESC;
> name | total
> ann | 20
> ann | 12.5
> bob | 9
> bob | 7
> (4 rows)

SELECT c.name, o.id FROM customers c JOIN LATERAL (SELECT id FROM orders WHERE customer = c.id) o ON true ORDER BY o.id;
> name | id
> ann | 10
> ann | 11
> ann | 12
> bob | 13
> bob | 14
> (5 rows)

SELECT c.name, o.id FROM customers c JOIN LATERAL (SELECT id, total FROM orders WHERE customer = c.id) o ON o.total > 8 ORDER BY o.id;
> name | id
> ann | 11
> ann | 12
> bob | 14
> (3 rows)

-- LEFT JOIN LATERAL keeps the customers the subquery gives no row for.
SELECT c.name, s.n, s.biggest FROM customers c LEFT JOIN LATERAL (SELECT count(*) AS n, max(total) AS biggest FROM orders WHERE customer = c.id HAVING count(*) > 0) s ON true ORDER BY c.name;
> name | n | biggest
> ann | 3 | 20
> bob | 2 | 9
> cid | NULL | NULL
> (3 rows)

SELECT c.name, o.id FROM customers c LEFT JOIN LATERAL (SELECT id FROM orders WHERE customer = c.id AND total > 10) o ON true ORDER BY c.name, o.id;
> name | id
> ann | 11
> ann | 12
> bob | NULL
> cid | NULL
> (4 rows)

-- A function reading the row to its left.
SELECT c.name, g FROM customers c, LATERAL generate_series(1, c.top) g WHERE c.id < 3 ORDER BY c.name, g;
> name | g
> ann | 1
> ann | 2
> bob | 1
> (3 rows)

-- Column aliases, and a chain of LATERAL items each reading the ones before.
SELECT c.name, a.doubled, b.plus FROM customers c, LATERAL (SELECT c.top * 2) a (doubled), LATERAL (SELECT a.doubled + 1 AS plus) b ORDER BY c.name;
> name | doubled | plus
> ann | 4 | 5
> bob | 2 | 3
> cid | 10 | 11
> (3 rows)

-- Inside a correlated subquery, a LATERAL item reads both its left row and the enclosing query.
SELECT c.name, (SELECT sum(o.total) FROM orders x, LATERAL (SELECT total FROM orders y WHERE y.id = x.id AND y.customer = c.id) o) AS spent FROM customers c ORDER BY c.name;
> name | spent
> ann | 37.5
> bob | 16
> cid | NULL
> (3 rows)

EXPLAIN SELECT c.name, o.id FROM customers c, LATERAL (SELECT id FROM orders WHERE customer = c.id LIMIT 1) o;
> QUERY PLAN
> Project (2 columns)
> ->  Nested Loop Lateral Join
>   ->  Seq Scan on customers
>   ->  Limit
>     ->  Project (1 columns)
>       ->  Filter (customer = c.id)
>         ->  Seq Scan on orders
> (7 rows)

-- Without a reference to its left, a LATERAL item is an ordinary join.
EXPLAIN SELECT c.name, o.id FROM customers c, LATERAL (SELECT id FROM orders LIMIT 1) o;
> QUERY PLAN
> Project (2 columns)
> ->  Nested Loop Cross Join
>   ->  Seq Scan on customers
>   ->  Limit
>     ->  Project (1 columns)
>       ->  Seq Scan on orders
> (6 rows)

-- Errors.
SELECT * FROM customers c, (SELECT id FROM orders WHERE customer = c.id) o;
> ERROR 42703: column "c.id" does not exist (at position 68)

SELECT * FROM customers c RIGHT JOIN LATERAL (SELECT id FROM orders WHERE customer = c.id) o ON true;
> ERROR 42P10: the combining JOIN type must be INNER or LEFT for a LATERAL reference (at position 27)

SELECT * FROM customers c, LATERAL orders;
> ERROR 42601: syntax error at or near "orders", expected a subquery or a function call after LATERAL (at position 36)

SELECT * FROM customers c, LATERAL (SELECT nope FROM orders WHERE customer = c.id) o;
> ERROR 42703: column "nope" does not exist (at position 44)
