-- Primary keys of several columns on strict tables. Rows are stored under the key columns encoded in key order,
-- so a scan returns them sorted by the key, and a WHERE pinning every key column is one point get.
CREATE TABLE stock (warehouse BIGINT, sku TEXT, qty INT NOT NULL, note TEXT, PRIMARY KEY (warehouse, sku));
> CREATE COLLECTION

INSERT INTO stock VALUES (2, 'b', 5, NULL), (1, 'b', 3, 'x'), (1, 'a', 7, NULL), (10, 'a', 1, NULL), (-1, 'z', 2, NULL);
> INSERT 0 5

SELECT * FROM stock;
> warehouse | sku | qty | note
> -1 | z | 2 | NULL
> 1 | a | 7 | NULL
> 1 | b | 3 | x
> 2 | b | 5 | NULL
> 10 | a | 1 | NULL
> (5 rows)

INSERT INTO stock VALUES (1, 'a', 100, 'dup');
> ERROR 23505: duplicate key value violates unique constraint "stock_pkey": key (warehouse, sku)=(1, a) already exists

INSERT INTO stock VALUES (3, 'q', 1, NULL), (3, 'q', 2, NULL);
> ERROR 23505: duplicate key value violates unique constraint "stock_pkey": key (warehouse, sku)=(3, q) already exists

SELECT count(*) FROM stock;
> count
> 5
> (1 row)

INSERT INTO stock VALUES (NULL, 'a', 1, NULL);
> ERROR 23502: null value in column "warehouse" of collection "stock" violates not-null constraint

INSERT INTO stock (warehouse, qty) VALUES (4, 1);
> ERROR 23502: null value in column "sku" of collection "stock" violates not-null constraint

SELECT qty FROM stock WHERE warehouse = 1 AND sku = 'b';
> qty
> 3
> (1 row)

SELECT qty FROM stock WHERE sku = 'b' AND warehouse = '1' AND qty > 1;
> qty
> 3
> (1 row)

SELECT qty FROM stock WHERE warehouse = 1.5 AND sku = 'b';
> qty
> (0 rows)

EXPLAIN SELECT qty FROM stock WHERE warehouse = 1 AND sku = 'b';
> QUERY PLAN
> Project (1 columns)
> ->  Point Get on stock (warehouse = 1 AND sku = 'b')
> (2 rows)

EXPLAIN SELECT qty FROM stock s WHERE s.sku = 'b' AND s.warehouse = 2 AND qty > 1;
> QUERY PLAN
> Project (1 columns)
> ->  Filter (qty > 1)
>   ->  Point Get on stock (warehouse = 2 AND sku = 'b')
> (3 rows)

-- Equality on the leading key columns, and a range on the next one, read one range of keys.
EXPLAIN SELECT qty FROM stock WHERE warehouse = 1;
> QUERY PLAN
> Project (1 columns)
> ->  Filter (warehouse = 1)
>   ->  Key Range Scan on stock (warehouse = 1)
> (3 rows)

EXPLAIN SELECT qty FROM stock WHERE sku = 'a';
> QUERY PLAN
> Project (1 columns)
> ->  Filter (sku = 'a')
>   ->  Seq Scan on stock
> (3 rows)

SELECT sku, qty FROM stock WHERE warehouse = 1 ORDER BY sku;
> sku | qty
> a | 7
> b | 3
> (2 rows)

SELECT warehouse, sku FROM stock WHERE warehouse > 1 AND warehouse <= 10;
> warehouse | sku
> 2 | b
> 10 | a
> (2 rows)

SELECT warehouse, sku FROM stock WHERE 1.5 < warehouse;
> warehouse | sku
> 2 | b
> 10 | a
> (2 rows)

SELECT warehouse, sku FROM stock WHERE warehouse BETWEEN -1 AND 1 AND sku > 'a';
> warehouse | sku
> -1 | z
> 1 | b
> (2 rows)

SELECT warehouse, sku FROM stock WHERE warehouse = 1 AND sku >= 'b';
> warehouse | sku
> 1 | b
> (1 row)

SELECT warehouse, sku FROM stock WHERE warehouse = 1 AND sku < 'b';
> warehouse | sku
> 1 | a
> (1 row)

SELECT warehouse, sku FROM stock WHERE warehouse < NULL;
> warehouse | sku
> (0 rows)

EXPLAIN SELECT sku FROM stock WHERE warehouse = 1 AND sku > 'a' AND sku < 'c';
> QUERY PLAN
> Project (1 columns)
> ->  Filter (((warehouse = 1) AND (sku > 'a')) AND (sku < 'c'))
>   ->  Key Range Scan on stock (warehouse = 1 AND sku >= 'a' AND sku <= 'c')
> (3 rows)

EXPLAIN SELECT sku FROM stock WHERE warehouse BETWEEN 2 AND 5;
> QUERY PLAN
> Project (1 columns)
> ->  Filter (warehouse BETWEEN 2 AND 5)
>   ->  Key Range Scan on stock (warehouse >= 2 AND warehouse <= 5)
> (3 rows)

-- ON CONFLICT on the key's columns, in either order.
INSERT INTO stock VALUES (1, 'a', 1, NULL), (5, 'e', 9, NULL) ON CONFLICT (warehouse, sku) DO UPDATE SET qty = stock.qty + EXCLUDED.qty RETURNING warehouse, sku, qty;
> warehouse | sku | qty
> 1 | a | 8
> 5 | e | 9
> (2 rows)

INSERT INTO stock VALUES (1, 'a', 1, 'ignored') ON CONFLICT (sku, warehouse) DO NOTHING;
> INSERT 0 0

INSERT INTO stock VALUES (1, 'b', 1, NULL) ON CONFLICT (warehouse) DO NOTHING;
> ERROR 42P10: there is no unique constraint or index on (warehouse) of collection "stock" matching the ON CONFLICT specification (at position 1)

INSERT INTO stock VALUES (1, 'b', 1, NULL) ON CONFLICT (warehouse, sku) DO UPDATE SET sku = 'c';
> ERROR 0A000: changing the primary key in ON CONFLICT DO UPDATE is not supported yet (at position 87)

UPSERT INTO stock (warehouse, sku, qty, note) VALUES (1, 'b', 4, 'upserted');
> INSERT 0 1

SELECT * FROM stock WHERE warehouse = 1 AND sku = 'b';
> warehouse | sku | qty | note
> 1 | b | 4 | upserted
> (1 row)

-- UPDATE and DELETE by key; an UPDATE of a key column moves the row, 23505 if the new key is taken.
UPDATE stock SET qty = qty * 10 WHERE warehouse = 2 AND sku = 'b' RETURNING qty;
> qty
> 50
> (1 row)

UPDATE stock SET sku = 'bb' WHERE warehouse = 2 AND sku = 'b';
> UPDATE 1

UPDATE stock SET sku = 'a' WHERE warehouse = 1 AND sku = 'b';
> ERROR 23505: duplicate key value violates unique constraint "stock_pkey": key (warehouse, sku)=(1, a) already exists

DELETE FROM stock WHERE warehouse = 10 AND sku = 'a' RETURNING *;
> warehouse | sku | qty | note
> 10 | a | 1 | NULL
> (1 row)

SELECT * FROM stock;
> warehouse | sku | qty | note
> -1 | z | 2 | NULL
> 1 | a | 8 | NULL
> 1 | b | 4 | upserted
> 2 | bb | 50 | NULL
> 5 | e | 9 | NULL
> (5 rows)

-- Transactions see their own writes under the composite key.
BEGIN;
> BEGIN

INSERT INTO stock VALUES (7, 'g', 1, NULL);
> INSERT 0 1

SELECT warehouse, sku FROM stock WHERE warehouse = 7 OR warehouse = 1 ORDER BY sku;
> warehouse | sku
> 1 | a
> 1 | b
> 7 | g
> (3 rows)

SELECT sku FROM stock WHERE warehouse = 7;
> sku
> g
> (1 row)

SELECT qty FROM stock WHERE warehouse = 7 AND sku = 'g';
> qty
> 1
> (1 row)

INSERT INTO stock VALUES (7, 'g', 2, NULL);
> ERROR 23505: duplicate key value violates unique constraint "stock_pkey": key (warehouse, sku)=(7, g) already exists

ROLLBACK;
> ROLLBACK

SELECT count(*) FROM stock WHERE warehouse = 7 AND sku = 'g';
> count
> 0
> (1 row)

-- Secondary and unique indexes work under a composite key.
CREATE UNIQUE INDEX stock_note ON stock (note);
> CREATE INDEX

SELECT warehouse, sku FROM stock WHERE note = 'upserted';
> warehouse | sku
> 1 | b
> (1 row)

INSERT INTO stock VALUES (8, 'h', 1, 'upserted');
> ERROR 23505: duplicate key value violates unique index "stock_note": key (note)=(upserted) already exists

UPDATE stock SET qty = qty + 1 WHERE warehouse = 1 RETURNING warehouse, sku, qty;
> warehouse | sku | qty
> 1 | a | 9
> 1 | b | 5
> (2 rows)

DELETE FROM stock WHERE warehouse = 1 AND sku IN ('a', 'zz');
> DELETE 1

SELECT warehouse, sku, qty FROM stock WHERE warehouse = 1;
> warehouse | sku | qty
> 1 | b | 5
> (1 row)

-- Dates and timestamps may be key columns too.
CREATE TABLE readings (sensor TEXT, at TIMESTAMP, day DATE, v DOUBLE, PRIMARY KEY (sensor, at));
> CREATE COLLECTION

INSERT INTO readings VALUES ('s1', '2024-01-02 00:00', '2024-01-02', 2.0), ('s1', '2024-01-01 12:00', '2024-01-01', 1.0), ('s0', '2024-06-01', '2024-06-01', 0.5);
> INSERT 0 3

SELECT sensor, at, v FROM readings;
> sensor | at | v
> s0 | 2024-06-01T00:00:00Z | 0.5
> s1 | 2024-01-01T12:00:00Z | 1
> s1 | 2024-01-02T00:00:00Z | 2
> (3 rows)

INSERT INTO readings VALUES ('s10', '2024-01-01', '2024-01-01', 10.0), ('s', '2024-01-01', '2024-01-01', 0.1);
> INSERT 0 2

SELECT sensor, at, v FROM readings WHERE sensor = 's1';
> sensor | at | v
> s1 | 2024-01-01T12:00:00Z | 1
> s1 | 2024-01-02T00:00:00Z | 2
> (2 rows)

SELECT sensor, at FROM readings WHERE sensor = 's1' AND at >= '2024-01-02';
> sensor | at
> s1 | 2024-01-02T00:00:00Z
> (1 row)

SELECT sensor, at FROM readings WHERE sensor = 's1' AND at < '2024-01-02';
> sensor | at
> s1 | 2024-01-01T12:00:00Z
> (1 row)

SELECT count(*) FROM readings WHERE sensor = 's1' AND v > 1;
> count
> 1
> (1 row)

SELECT v FROM readings WHERE sensor = 's1' AND at = '2024-01-01 12:00';
> v
> 1
> (1 row)

INSERT INTO readings VALUES ('s1', TIMESTAMP '2024-01-01 12:00', NULL, 9.0);
> ERROR 23505: duplicate key value violates unique constraint "readings_pkey": key (sensor, at)=(s1, 2024-01-01T12:00:00Z) already exists

-- The catalog shows both columns, in key order.
DESCRIBE stock;
> column | type | nullable | default | primary_key
> warehouse | BIGINT | false | NULL | true
> sku | TEXT | false | NULL | true
> qty | BIGINT | false | NULL | false
> note | TEXT | true | NULL | false
> (4 rows)

SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'stock';
> indexname | indexdef
> stock_pkey | CREATE UNIQUE INDEX stock_pkey ON public.stock USING btree (warehouse, sku)
> stock_note | CREATE UNIQUE INDEX stock_note ON public.stock USING btree (note)
> (2 rows)

SELECT i.indnatts, i.indisprimary, i.indkey FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = 'stock';
> indnatts | indisprimary | indkey
> 2 | true | [1,2]
> 1 | false | [4]
> (2 rows)

SELECT a.attname, a.attnotnull FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'stock' AND a.attnum > 0 ORDER BY a.attnum;
> attname | attnotnull
> warehouse | true
> sku | true
> qty | true
> note | false
> (4 rows)

-- The key order need not be the column order.
CREATE TABLE pairs (a BIGINT, b BIGINT, PRIMARY KEY (b, a));
> CREATE COLLECTION

INSERT INTO pairs VALUES (1, 2), (2, 1), (3, 1), (1, 1);
> INSERT 0 4

SELECT * FROM pairs;
> a | b
> 1 | 1
> 2 | 1
> 3 | 1
> 1 | 2
> (4 rows)

INSERT INTO pairs VALUES (3, 1);
> ERROR 23505: duplicate key value violates unique constraint "pairs_pkey": key (b, a)=(1, 3) already exists

SELECT indexdef FROM pg_indexes WHERE tablename = 'pairs';
> indexdef
> CREATE UNIQUE INDEX pairs_pkey ON public.pairs USING btree (b, a)
> (1 row)

-- A key column cannot be dropped; renaming one keeps the key.
ALTER TABLE pairs DROP COLUMN a;
> ERROR 0A000: dropping a column of the primary key is not supported yet (at position 1)

ALTER TABLE pairs RENAME COLUMN a TO first;
> ALTER COLLECTION

INSERT INTO pairs VALUES (1, 2);
> ERROR 23505: duplicate key value violates unique constraint "pairs_pkey": key (b, first)=(2, 1) already exists

SELECT indexdef FROM pg_indexes WHERE tablename = 'pairs';
> indexdef
> CREATE UNIQUE INDEX pairs_pkey ON public.pairs USING btree (b, first)
> (1 row)

SELECT first FROM pairs WHERE b = 1 AND first = 3;
> first
> 3
> (1 row)

ALTER TABLE pairs ADD COLUMN c TEXT DEFAULT 'c';
> ALTER COLLECTION

SELECT * FROM pairs WHERE first = 2 AND b = 1;
> first | b | c
> 2 | 1 | c
> (1 row)

-- Bad definitions: nothing is created.
CREATE TABLE bad1 (a BIGINT, b TEXT, PRIMARY KEY (a, nope));
> ERROR 42703: column "nope" named in key does not exist (at position 38)

CREATE TABLE bad2 (a BIGINT PRIMARY KEY, b TEXT, PRIMARY KEY (a, b));
> ERROR 42601: multiple primary keys for collection "bad2" are not allowed (at position 50)

CREATE TABLE bad3 (a BIGINT, b TEXT, PRIMARY KEY (a, b), PRIMARY KEY (b, a));
> ERROR 42601: multiple primary keys are not allowed (at position 58)

CREATE TABLE bad4 (a BIGINT, b DOUBLE, PRIMARY KEY (a, b));
> ERROR 42804: a primary key column must be BIGINT, TEXT, UUID, BYTES, DATE or TIMESTAMP, not DOUBLE (at position 40)

CREATE TABLE bad5 (a BIGINT, b TEXT, PRIMARY KEY (a, a));
> ERROR 42701: column "a" appears twice in primary key constraint (at position 38)

CREATE COLLECTION bad6 TYPE KEY_VALUE (a BIGINT, b TEXT, PRIMARY KEY (a, b));
> ERROR 0A000: a primary key of several columns on a KEY_VALUE collection is not supported yet (at position 58)

SHOW TABLES;
> name | kind
> pairs | strict
> readings | strict
> stock | strict
> (3 rows)

SELECT conname, contype, pg_get_constraintdef(oid), conkey FROM pg_constraint WHERE conrelid = 'stock'::regclass;
> conname | contype | pg_get_constraintdef | conkey
> stock_pkey | p | PRIMARY KEY (warehouse, sku) | [1,2]
> (1 row)

-- pgjdbc's getPrimaryKeys expands the key's column numbers with a set-returning function: one row per column.
SELECT a.attname, (information_schema._pg_expandarray(i.indkey)).n AS key_seq, (information_schema._pg_expandarray(i.indkey)).x AS attnum FROM pg_attribute a JOIN pg_index i ON a.attrelid = i.indrelid WHERE i.indrelid = 'pairs'::regclass AND i.indisprimary ORDER BY 2, 1;
> attname | key_seq | attnum
> b | 1 | 2
> c | 1 | 2
> first | 1 | 2
> b | 2 | 1
> c | 2 | 1
> first | 2 | 1
> (6 rows)

SELECT r.attname, r.key_seq FROM (SELECT a.attname, a.attnum, (information_schema._pg_expandarray(i.indkey)).n AS key_seq, information_schema._pg_expandarray(i.indkey) AS keys FROM pg_attribute a JOIN pg_index i ON a.attrelid = i.indrelid WHERE i.indrelid = 'pairs'::regclass AND i.indisprimary) r WHERE r.attnum = (r.keys).x ORDER BY r.key_seq;
> attname | key_seq
> b | 1
> first | 2
> (2 rows)
