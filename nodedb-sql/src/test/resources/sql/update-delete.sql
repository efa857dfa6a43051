-- UPDATE and DELETE, with WHERE, RETURNING, key changes; a statement applies completely or not at all.
CREATE COLLECTION acc STRICT (id INT PRIMARY KEY, owner TEXT NOT NULL, balance INT);
> CREATE COLLECTION

INSERT INTO acc VALUES (1, 'ann', 100), (2, 'bob', 50), (3, 'cat', 0);
> INSERT 0 3

UPDATE acc SET balance = balance + 10 WHERE balance > 0;
> UPDATE 2

SELECT * FROM acc ORDER BY id;
> id | owner | balance
> 1 | ann | 110
> 2 | bob | 60
> 3 | cat | 0
> (3 rows)

UPDATE acc SET balance = balance * 2, owner = upper(owner) WHERE id = 1 RETURNING id, owner, balance;
> id | owner | balance
> 1 | ANN | 220
> (1 row)

UPDATE acc SET balance = 0 WHERE id = 99;
> UPDATE 0

UPDATE acc SET owner = NULL WHERE id = 2;
> ERROR 23502: null value in column "owner" of collection "acc" violates not-null constraint

UPDATE acc SET balance = 'many' WHERE id = 2;
> ERROR 22P02: invalid input syntax for type BIGINT: "many"

UPDATE acc SET nope = 1;
> ERROR 42703: column "nope" does not exist (at position 16)

UPDATE acc SET balance = 1 / (balance - 60) WHERE id IN (1, 2);
> ERROR 22012: division by zero

SELECT * FROM acc ORDER BY id;
> id | owner | balance
> 1 | ANN | 220
> 2 | bob | 60
> 3 | cat | 0
> (3 rows)

UPDATE acc SET id = id + 10 WHERE id = 3;
> UPDATE 1

UPDATE acc SET id = 1 WHERE id = 2;
> ERROR 23505: duplicate key: collection "acc" already has a row with primary key 1

SELECT id, owner FROM acc ORDER BY id;
> id | owner
> 1 | ANN
> 2 | bob
> 13 | cat
> (3 rows)

DELETE FROM acc WHERE balance < 100 RETURNING id, owner;
> id | owner
> 2 | bob
> 13 | cat
> (2 rows)

DELETE FROM acc WHERE id = 42;
> DELETE 0

SELECT id FROM acc;
> id
> 1
> (1 row)

DELETE FROM acc;
> DELETE 1

SELECT count(*) FROM acc;
> count
> 0
> (1 row)

-- Schemaless updates set fields; unset fields are added.
CREATE COLLECTION sessions;
> CREATE COLLECTION

INSERT INTO sessions { key: 'sess_abc123', id: 's1', user_id: 'alice', role: 'admin', ttl: 3600 };
> INSERT 0 1

UPDATE sessions SET role = 'superadmin' WHERE key = 'sess_abc123';
> UPDATE 1

UPDATE sessions SET seen = true, ttl = ttl - 600 WHERE id = 's1';
> UPDATE 1

SELECT * FROM sessions;
> id | key | user_id | role | ttl | seen
> s1 | sess_abc123 | alice | superadmin | 3000 | true
> (1 row)

UPDATE sessions SET id = 's2' WHERE id = 's1';
> UPDATE 1

SELECT id, key FROM sessions;
> id | key
> s2 | sess_abc123
> (1 row)

DELETE FROM sessions WHERE key = 'sess_abc123';
> DELETE 1

SELECT count(*) FROM sessions;
> count
> 0
> (1 row)

UPDATE nowhere SET a = 1;
> ERROR 42P01: collection "nowhere" does not exist (at position 1)

DELETE FROM nowhere;
> ERROR 42P01: collection "nowhere" does not exist (at position 1)

EXPLAIN UPDATE acc SET balance = 0 WHERE id = 1;
> QUERY PLAN
> Update on acc
> ->  Point Get on acc (id = 1)
> (2 rows)

EXPLAIN DELETE FROM acc WHERE owner = 'x';
> QUERY PLAN
> Delete on acc
> ->  Filter (owner = 'x')
>   ->  Seq Scan on acc
> (3 rows)

-- UPDATE ... FROM and DELETE ... USING join the target with other tables; each target row changes once.
CREATE TABLE stock (sku TEXT PRIMARY KEY, qty INT);
> CREATE COLLECTION

CREATE TABLE deliveries (id INT PRIMARY KEY, sku TEXT, amount INT);
> CREATE COLLECTION

INSERT INTO stock VALUES ('a', 1), ('b', 2), ('c', 3);
> INSERT 0 3

INSERT INTO deliveries VALUES (1, 'a', 10), (2, 'b', 20), (3, 'b', 30), (4, 'z', 99);
> INSERT 0 4

UPDATE stock s SET qty = s.qty + d.amount FROM deliveries d WHERE d.sku = s.sku AND d.id <> 3;
> UPDATE 2

SELECT sku, qty FROM stock ORDER BY sku;
> sku | qty
> a | 11
> b | 22
> c | 3
> (3 rows)

UPDATE stock SET qty = 0 FROM deliveries d WHERE d.sku = stock.sku RETURNING sku, qty;
> sku | qty
> a | 0
> b | 0
> (2 rows)

EXPLAIN UPDATE stock SET qty = 1 FROM deliveries d WHERE d.sku = stock.sku;
> QUERY PLAN
> Update on stock
> ->  Filter (d.sku = stock.sku)
>   ->  Nested Loop Cross Join
>     ->  Seq Scan on stock
>     ->  Seq Scan on deliveries
> (5 rows)

DELETE FROM stock USING deliveries d WHERE d.sku = stock.sku AND d.amount > 15;
> DELETE 1

SELECT sku, qty FROM stock ORDER BY sku;
> sku | qty
> a | 0
> c | 3
> (2 rows)

UPDATE stock SET qty = nope FROM deliveries d WHERE d.sku = stock.sku;
> ERROR 42703: column "nope" does not exist (at position 24)
