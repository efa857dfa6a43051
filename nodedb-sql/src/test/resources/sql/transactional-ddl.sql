-- DDL inside a transaction block: later statements of the transaction see it, COMMIT applies it with the
-- transaction's row writes in one log record, ROLLBACK and ROLLBACK TO SAVEPOINT undo it.
BEGIN;
> BEGIN

CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner TEXT NOT NULL, balance BIGINT);
> CREATE COLLECTION

INSERT INTO accounts VALUES (1, 'ann', 100), (2, 'bob', 50);
> INSERT 0 2

SELECT * FROM accounts ORDER BY id;
> id | owner | balance
> 1 | ann | 100
> 2 | bob | 50
> (2 rows)

SHOW COLLECTIONS;
> name | kind
> accounts | strict
> (1 row)

ALTER TABLE accounts ADD COLUMN currency TEXT DEFAULT 'EUR';
> ALTER COLLECTION

SELECT * FROM accounts ORDER BY id;
> id | owner | balance | currency
> 1 | ann | 100 | EUR
> 2 | bob | 50 | EUR
> (2 rows)

UPDATE accounts SET currency = 'USD' WHERE id = 2;
> UPDATE 1

ALTER TABLE accounts RENAME COLUMN owner TO holder;
> ALTER COLLECTION

SELECT id, holder, currency FROM accounts ORDER BY id;
> id | holder | currency
> 1 | ann | EUR
> 2 | bob | USD
> (2 rows)

CREATE INDEX accounts_holder ON accounts (holder);
> CREATE INDEX

SELECT id FROM accounts WHERE holder = 'bob';
> id
> 2
> (1 row)

COMMIT;
> COMMIT

SELECT id, holder, balance, currency FROM accounts ORDER BY id;
> id | holder | balance | currency
> 1 | ann | 100 | EUR
> 2 | bob | 50 | USD
> (2 rows)

SELECT id FROM accounts WHERE holder = 'ann';
> id
> 1
> (1 row)

SHOW INDEXES ON accounts;
> name | collection | fields | unique
> accounts_holder | accounts | holder | false
> (1 row)

-- ROLLBACK undoes the DDL and the rows alike.
BEGIN;
> BEGIN

CREATE TABLE scratch (id BIGINT PRIMARY KEY, note TEXT);
> CREATE COLLECTION

INSERT INTO scratch VALUES (1, 'gone');
> INSERT 0 1

ALTER TABLE accounts DROP COLUMN currency;
> ALTER COLLECTION

SELECT * FROM accounts ORDER BY id;
> id | holder | balance
> 1 | ann | 100
> 2 | bob | 50
> (2 rows)

DROP TABLE accounts;
> DROP COLLECTION

SELECT * FROM accounts;
> ERROR 42P01: collection "accounts" does not exist (at position 15)

ROLLBACK;
> ROLLBACK

SELECT * FROM scratch;
> ERROR 42P01: collection "scratch" does not exist (at position 15)

SELECT id, currency FROM accounts ORDER BY id;
> id | currency
> 1 | EUR
> 2 | USD
> (2 rows)

-- ROLLBACK TO SAVEPOINT undoes only what came after the savepoint.
BEGIN;
> BEGIN

CREATE TABLE kept (id BIGINT PRIMARY KEY);
> CREATE COLLECTION

INSERT INTO kept VALUES (1);
> INSERT 0 1

SAVEPOINT s1;
> SAVEPOINT

CREATE TABLE undone (id BIGINT PRIMARY KEY);
> CREATE COLLECTION

ALTER TABLE kept ADD COLUMN extra TEXT DEFAULT 'x';
> ALTER COLLECTION

INSERT INTO kept VALUES (2, 'y');
> INSERT 0 1

SELECT * FROM kept ORDER BY id;
> id | extra
> 1 | x
> 2 | y
> (2 rows)

ROLLBACK TO SAVEPOINT s1;
> ROLLBACK

SELECT * FROM kept ORDER BY id;
> id
> 1
> (1 row)

SAVEPOINT s2;
> SAVEPOINT

SELECT * FROM undone;
> ERROR 42P01: collection "undone" does not exist (at position 15)

ROLLBACK TO s2;
> ROLLBACK

CREATE TABLE undone (id TEXT PRIMARY KEY);
> CREATE COLLECTION

INSERT INTO undone VALUES ('again');
> INSERT 0 1

COMMIT;
> COMMIT

SELECT * FROM kept;
> id
> 1
> (1 row)

SELECT * FROM undone;
> id
> again
> (1 row)

-- DROP and CREATE under the same name: the new table starts empty, with its own columns.
BEGIN;
> BEGIN

DROP TABLE kept;
> DROP COLLECTION

CREATE TABLE kept (id TEXT PRIMARY KEY, label TEXT);
> CREATE COLLECTION

SELECT * FROM kept;
> id | label
> (0 rows)

INSERT INTO kept VALUES ('a', 'new');
> INSERT 0 1

COMMIT;
> COMMIT

SELECT * FROM kept;
> id | label
> a | new
> (1 row)

-- TRUNCATE inside the transaction hides the committed rows from it; inserting the same key again works.
BEGIN;
> BEGIN

TRUNCATE kept;
> TRUNCATE

SELECT count(*) FROM kept;
> count
> 0
> (1 row)

INSERT INTO kept VALUES ('a', 'replaced');
> INSERT 0 1

COMMIT;
> COMMIT

SELECT * FROM kept;
> id | label
> a | replaced
> (1 row)

-- A new UNIQUE index is checked at COMMIT against every row: a duplicate fails the whole transaction.
BEGIN;
> BEGIN

CREATE TABLE people (id BIGINT PRIMARY KEY, email TEXT);
> CREATE COLLECTION

COMMIT;
> COMMIT

INSERT INTO people VALUES (1, 'a@x'), (2, 'a@x');
> INSERT 0 2

BEGIN;
> BEGIN

INSERT INTO people VALUES (3, 'c@x');
> INSERT 0 1

CREATE UNIQUE INDEX people_email ON people (email);
> CREATE INDEX

COMMIT;
> ERROR 23505: duplicate key value violates unique index "people_email": key (email)=(a@x) already exists

SELECT count(*) FROM people;
> count
> 2
> (1 row)

SHOW INDEXES ON people;
> name | collection | fields | unique
> (0 rows)

-- An index created in the transaction has no entries for the committed rows yet: reads through it scan.
BEGIN;
> BEGIN

CREATE INDEX people_by_email ON people (email);
> CREATE INDEX

EXPLAIN SELECT id FROM people WHERE email = 'a@x';
> QUERY PLAN
> Project (1 columns)
> ->  Filter (email = 'a@x')
>   ->  Index Scan on people using people_by_email (email = 'a@x')
> (3 rows)

SELECT id FROM people WHERE email = 'a@x' ORDER BY id;
> id
> 1
> 2
> (2 rows)

SELECT id FROM people WHERE email > 'a' ORDER BY id;
> id
> 1
> 2
> (2 rows)

COMMIT;
> COMMIT

SELECT id FROM people WHERE email = 'a@x' ORDER BY id;
> id
> 1
> 2
> (2 rows)

-- After TRUNCATE in the transaction, reads through a committed index find none of the committed rows.
BEGIN;
> BEGIN

TRUNCATE people;
> TRUNCATE

SELECT id FROM people WHERE email = 'a@x';
> id
> (0 rows)

INSERT INTO people VALUES (1, 'z@x');
> INSERT 0 1

SELECT id, email FROM people WHERE email = 'z@x';
> id | email
> 1 | z@x
> (1 row)

ROLLBACK;
> ROLLBACK

SELECT id, email FROM people ORDER BY id;
> id | email
> 1 | a@x
> 2 | a@x
> (2 rows)

-- Constraints made in the transaction hold for its later statements.
BEGIN;
> BEGIN

CREATE TABLE authors (id BIGINT PRIMARY KEY, name TEXT);
> CREATE COLLECTION

CREATE TABLE books (id BIGINT PRIMARY KEY, author BIGINT REFERENCES authors, pages BIGINT);
> CREATE COLLECTION

INSERT INTO authors VALUES (1, 'ann');
> INSERT 0 1

INSERT INTO books VALUES (10, 1, 100);
> INSERT 0 1

SAVEPOINT before_bad;
> SAVEPOINT

INSERT INTO books VALUES (11, 2, 50);
> ERROR 23503: insert or update on collection "books" violates foreign key constraint "books_author_fkey": key (author)=(2) is not present in collection "authors"

ROLLBACK TO before_bad;
> ROLLBACK

ALTER TABLE books ADD CONSTRAINT positive_pages CHECK (pages > 0);
> ALTER COLLECTION

SAVEPOINT before_check;
> SAVEPOINT

INSERT INTO books VALUES (12, 1, 0);
> ERROR 23514: new row for collection "books" violates check constraint "positive_pages"

ROLLBACK TO before_check;
> ROLLBACK

DESCRIBE books;
> column | type | nullable | default | primary_key
> id | BIGINT | false | NULL | true
> author | BIGINT | true | NULL | false
> pages | BIGINT | true | NULL | false
> (3 rows)

COMMIT;
> COMMIT

SELECT b.id, a.name FROM books b JOIN authors a ON a.id = b.author;
> id | name
> 10 | ann
> (1 row)

-- A column dropped and added again under the same name starts from its default, in pending rows too.
BEGIN;
> BEGIN

INSERT INTO books VALUES (13, 1, 7);
> INSERT 0 1

ALTER TABLE books DROP CONSTRAINT positive_pages;
> ALTER COLLECTION

ALTER TABLE books DROP COLUMN pages;
> ALTER COLLECTION

ALTER TABLE books ADD COLUMN pages BIGINT DEFAULT 1;
> ALTER COLLECTION

SELECT id, pages FROM books ORDER BY id;
> id | pages
> 10 | 1
> 13 | 1
> (2 rows)

DROP INDEX accounts_holder;
> DROP INDEX

EXPLAIN SELECT id FROM accounts WHERE holder = 'ann';
> QUERY PLAN
> Project (1 columns)
> ->  Filter (holder = 'ann')
>   ->  Seq Scan on accounts
> (3 rows)

ROLLBACK;
> ROLLBACK

SELECT id, pages FROM books ORDER BY id;
> id | pages
> 10 | 100
> (1 row)

EXPLAIN SELECT id FROM accounts WHERE holder = 'ann';
> QUERY PLAN
> Project (1 columns)
> ->  Filter (holder = 'ann')
>   ->  Index Scan on accounts using accounts_holder (holder = 'ann')
> (3 rows)

-- Errors: a failed DDL statement fails the block (25P02) and nothing of it is applied.
BEGIN;
> BEGIN

CREATE TABLE half (id BIGINT PRIMARY KEY);
> CREATE COLLECTION

CREATE TABLE half (id BIGINT PRIMARY KEY);
> ERROR 42P07: collection "half" already exists (at position 1)

SELECT 1;
> ERROR 25P02: current transaction is aborted, commands ignored until end of transaction block

COMMIT;
> ROLLBACK

SELECT * FROM half;
> ERROR 42P01: collection "half" does not exist (at position 15)

-- CREATE TABLE AS inside a transaction reads the transaction's own rows.
BEGIN;
> BEGIN

CREATE TABLE src (id BIGINT PRIMARY KEY, v TEXT);
> CREATE COLLECTION

INSERT INTO src VALUES (1, 'one'), (2, 'two');
> INSERT 0 2

CREATE TABLE copy AS SELECT v FROM src WHERE id = 2;
> SELECT 1

SELECT * FROM copy;
> v
> two
> (1 row)

COMMIT;
> COMMIT

SELECT * FROM copy;
> v
> two
> (1 row)

-- Still refused inside a transaction block: KEY_VALUE collections, vector indexes and users.
CREATE COLLECTION vecs;
> CREATE COLLECTION

CREATE VECTOR INDEX ON vecs FIELD emb METRIC l2 DIM 2;
> CREATE VECTOR INDEX

BEGIN;
> BEGIN

CREATE COLLECTION cache TYPE KEY_VALUE (k TEXT PRIMARY KEY, v TEXT);
> ERROR 0A000: CREATE of a KEY_VALUE collection inside a transaction block is not supported yet

ROLLBACK;
> ROLLBACK

BEGIN;
> BEGIN

CREATE VECTOR INDEX ON vecs FIELD other METRIC l2 DIM 2;
> ERROR 0A000: CREATE VECTOR INDEX inside a transaction block is not supported yet

ROLLBACK;
> ROLLBACK

BEGIN;
> BEGIN

DROP COLLECTION vecs;
> ERROR 0A000: dropping or truncating collection "vecs", which has a vector index, inside a transaction block is not supported yet (at position 1)

ROLLBACK;
> ROLLBACK

BEGIN;
> BEGIN

CREATE USER migrator PASSWORD 'secret';
> ERROR 0A000: CREATE USER inside a transaction block is not supported yet

ROLLBACK;
> ROLLBACK
