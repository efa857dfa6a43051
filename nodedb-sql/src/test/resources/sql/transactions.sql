-- Transactions: BEGIN/COMMIT/ROLLBACK, reads see the transaction's own writes, savepoints, failed blocks.
CREATE COLLECTION t STRICT (id INT PRIMARY KEY, v TEXT);
> CREATE COLLECTION

BEGIN;
> BEGIN

INSERT INTO t VALUES (1, 'a');
> INSERT 0 1

SELECT * FROM t;
> id | v
> 1 | a
> (1 row)

UPDATE t SET v = 'b' WHERE id = 1;
> UPDATE 1

SELECT * FROM t WHERE id = 1;
> id | v
> 1 | b
> (1 row)

COMMIT;
> COMMIT

SELECT * FROM t;
> id | v
> 1 | b
> (1 row)

START TRANSACTION;
> BEGIN

INSERT INTO t VALUES (2, 'x');
> INSERT 0 1

DELETE FROM t WHERE id = 1;
> DELETE 1

SELECT * FROM t;
> id | v
> 2 | x
> (1 row)

ROLLBACK;
> ROLLBACK

SELECT * FROM t;
> id | v
> 1 | b
> (1 row)

BEGIN;
> BEGIN

INSERT INTO t VALUES (3, 'c');
> INSERT 0 1

SAVEPOINT s1;
> SAVEPOINT

INSERT INTO t VALUES (4, 'd');
> INSERT 0 1

SELECT id FROM t ORDER BY id;
> id
> 1
> 3
> 4
> (3 rows)

ROLLBACK TO SAVEPOINT s1;
> ROLLBACK

SELECT id FROM t ORDER BY id;
> id
> 1
> 3
> (2 rows)

RELEASE SAVEPOINT s1;
> RELEASE

ROLLBACK TO s1;
> ERROR 3B001: savepoint "s1" does not exist

SELECT 1;
> ERROR 25P02: current transaction is aborted, commands ignored until end of transaction block

ROLLBACK;
> ROLLBACK

-- An error inside a transaction block fails the rest of it until ROLLBACK.
BEGIN;
> BEGIN

INSERT INTO t VALUES (5, 'e');
> INSERT 0 1

INSERT INTO t VALUES (1, 'dup');
> ERROR 23505: duplicate key: collection "t" already has a row with primary key 1

SELECT 1;
> ERROR 25P02: current transaction is aborted, commands ignored until end of transaction block

COMMIT;
> ROLLBACK

SELECT id FROM t ORDER BY id;
> id
> 1
> (1 row)

BEGIN;
> BEGIN

SAVEPOINT before;
> SAVEPOINT

SELECT 1 / 0;
> ERROR 22012: division by zero

ROLLBACK TO before;
> ROLLBACK

INSERT INTO t VALUES (6, 'f');
> INSERT 0 1

COMMIT;
> COMMIT

SELECT id FROM t ORDER BY id;
> id
> 1
> 6
> (2 rows)

BEGIN;
> BEGIN

CREATE COLLECTION inside;
> CREATE COLLECTION

ROLLBACK;
> ROLLBACK

SAVEPOINT nope;
> ERROR 25P01: SAVEPOINT can only be used in transaction blocks

COMMIT;
> COMMIT

BEGIN;
> BEGIN

INSERT INTO t VALUES (7, 'g'), (8, 'h');
> INSERT 0 2

SELECT count(*) FROM t;
> count
> 4
> (1 row)

ROLLBACK;
> ROLLBACK

SELECT count(*) FROM t;
> count
> 2
> (1 row)
