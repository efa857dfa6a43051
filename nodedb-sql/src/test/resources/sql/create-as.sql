-- CREATE TABLE / CREATE COLLECTION ... AS query: a new collection made from a query's result, in one write.
CREATE TABLE orders (id BIGINT PRIMARY KEY, customer TEXT, amount DECIMAL, placed TIMESTAMP);
> CREATE COLLECTION

INSERT INTO orders VALUES (1, 'ann', 10.50, '2024-01-02 10:00:00'), (2, 'ben', 4.25, '2024-01-03 11:00:00'), (3, 'ann', 7.00, '2024-02-01 09:30:00');
> INSERT 0 3

CREATE TABLE totals AS SELECT customer, sum(amount) AS total, count(*) AS n FROM orders GROUP BY customer;
> SELECT 2

SELECT * FROM totals ORDER BY customer;
> customer | total | n
> ann | 17.50 | 2
> ben | 4.25 | 1
> (2 rows)

DESCRIBE totals;
> column | type | nullable | default | primary_key
> customer | TEXT | true | NULL | false
> total | DECIMAL | true | NULL | false
> n | BIGINT | true | NULL | false
> (3 rows)

CREATE TABLE IF NOT EXISTS totals AS SELECT 1 AS x;
> CREATE TABLE AS

CREATE TABLE totals AS SELECT 1 AS x;
> ERROR 42P07: collection "totals" already exists (at position 1)

CREATE TABLE empty_copy AS SELECT id, customer FROM orders WITH NO DATA;
> CREATE TABLE AS

SELECT count(*) FROM empty_copy;
> count
> 0
> (1 row)

INSERT INTO empty_copy VALUES (9, 'cai');
> INSERT 0 1

SELECT id, customer FROM empty_copy;
> id | customer
> 9 | cai
> (1 row)

CREATE COLLECTION people AS SELECT 'p' || id AS id, customer AS name FROM orders WHERE amount > 5;
> SELECT 2

SELECT id, name FROM people ORDER BY id;
> id | name
> p1 | ann
> p3 | ann
> (2 rows)

CREATE COLLECTION tags AS SELECT customer AS name FROM orders;
> SELECT 3

SELECT count(*), count(DISTINCT id) FROM tags;
> count | count
> 3 | 3
> (1 row)

CREATE COLLECTION clash AS SELECT customer AS id FROM orders;
> ERROR 23505: duplicate key: the query returns id ann twice, and a collection's id is its key (at position 1)

SELECT count(*) FROM information_schema.tables WHERE table_name = 'clash';
> count
> 0
> (1 row)

CREATE TABLE twice AS SELECT id, id FROM orders;
> ERROR 42701: column "id" specified more than once (name the query's columns apart with AS) (at position 1)

CREATE TABLE unknown AS SELECT NULL AS nothing;
> ERROR 42P18: column "nothing" has no single type (its values are NULL or of several types); cast it in the query (at position 1)

BEGIN;
> BEGIN

CREATE TABLE in_tx AS SELECT 1 AS x;
> SELECT 1

ROLLBACK;
> ROLLBACK
