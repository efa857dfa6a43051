-- CHECK constraints: on a column, on the table, named or not; added and dropped by ALTER. A row that makes a
-- condition FALSE is refused with 23514 and nothing of the statement is written; NULL passes.
CREATE TABLE products (id INT PRIMARY KEY, price DOUBLE CHECK (price > 0), discount DOUBLE, CONSTRAINT sane_discount CHECK (discount < price), CHECK (id < 1000));
> CREATE COLLECTION

INSERT INTO products VALUES (1, 10.0, 2.0), (2, 5.0, NULL);
> INSERT 0 2

INSERT INTO products VALUES (3, 10.0, 1.0), (4, -1.0, 0.0);
> ERROR 23514: new row for collection "products" violates check constraint "products_price_check"

SELECT count(*) FROM products;
> count
> 2
> (1 row)

INSERT INTO products VALUES (5, 10.0, 20.0);
> ERROR 23514: new row for collection "products" violates check constraint "sane_discount"

INSERT INTO products VALUES (1000, 1.0, 0.0);
> ERROR 23514: new row for collection "products" violates check constraint "products_check"

UPDATE products SET discount = 50 WHERE id = 1;
> ERROR 23514: new row for collection "products" violates check constraint "sane_discount"

UPDATE products SET price = price * 2;
> UPDATE 2

SELECT id, price FROM products ORDER BY id;
> id | price
> 1 | 20
> 2 | 10
> (2 rows)

INSERT INTO products VALUES (1, 1.0, 5.0) ON CONFLICT (id) DO UPDATE SET discount = EXCLUDED.discount;
> INSERT 0 1

ALTER TABLE products ADD CONSTRAINT cheap CHECK (price < 15);
> ERROR 23514: check constraint "cheap" of collection "products" is violated by some row (at position 26)

ALTER TABLE products ADD CONSTRAINT cheap CHECK (price < 100);
> ALTER COLLECTION

ALTER TABLE products ADD CHECK (price < 100);
> ALTER COLLECTION

INSERT INTO products VALUES (6, 150.0, 0.0);
> ERROR 23514: new row for collection "products" violates check constraint "cheap"

ALTER TABLE products DROP CONSTRAINT products_check1;
> ALTER COLLECTION

INSERT INTO products VALUES (6, 150.0, 0.0);
> ERROR 23514: new row for collection "products" violates check constraint "cheap"

ALTER TABLE products DROP CONSTRAINT nothing;
> ERROR 42704: constraint "nothing" of collection "products" does not exist (at position 1)

ALTER TABLE products DROP CONSTRAINT IF EXISTS nothing;
> ALTER COLLECTION

-- Schemaless collections check their fields.
CREATE COLLECTION events;
> CREATE COLLECTION

ALTER COLLECTION events ADD CONSTRAINT has_kind CHECK (kind IN ('click', 'view'));
> ALTER COLLECTION

INSERT INTO events { id: 'e1', kind: 'click' };
> INSERT 0 1

INSERT INTO events { id: 'e2', kind: 'scroll' };
> ERROR 23514: new row for collection "events" violates check constraint "has_kind"

INSERT INTO events { id: 'e3' };
> INSERT 0 1

-- Bad definitions.
CREATE TABLE bad1 (id INT PRIMARY KEY, CHECK (nope > 0));
> ERROR 42703: column "nope" does not exist (at position 47)

CREATE TABLE bad2 (id INT PRIMARY KEY, CHECK (id IN (SELECT 1)));
> ERROR 0A000: cannot use subquery in check constraint (at position 50)

CREATE TABLE bad3 (id INT PRIMARY KEY, CHECK (count(*) > 0));
> ERROR 42803: aggregate functions are not allowed in check constraints (at position 47)

CREATE TABLE bad4 (id INT PRIMARY KEY, CONSTRAINT c CHECK (id > 0), CONSTRAINT c CHECK (id < 10));
> ERROR 42710: constraint "c" for collection "bad4" already exists (at position 69)

ALTER TABLE products ADD COLUMN note TEXT CHECK (note <> '');
> ERROR 0A000: CHECK in ADD COLUMN (add the column, then ADD CONSTRAINT ... CHECK) is not supported yet (at position 43)

SHOW COLLECTIONS;
> name | kind
> events | document
> products | strict
> (2 rows)

ALTER TABLE products DROP COLUMN discount;
> ERROR 2BP01: cannot drop column "discount" of collection "products" because check constraint "sane_discount" uses it (drop the constraint first) (at position 1)

ALTER TABLE products RENAME COLUMN price TO cost;
> ERROR 2BP01: cannot rename column "price" of collection "products" because check constraint "products_price_check" uses it (drop the constraint first) (at position 1)

ALTER TABLE products DROP CONSTRAINT sane_discount;
> ALTER COLLECTION

ALTER TABLE products DROP COLUMN discount;
> ALTER COLLECTION

INSERT INTO products VALUES (7, 12.0);
> INSERT 0 1

-- UNIQUE constraints: each is a unique index created with the collection, in the same log record.
CREATE TABLE members (id INT PRIMARY KEY UNIQUE, email TEXT UNIQUE, team TEXT, seat INT, CONSTRAINT one_seat UNIQUE (team, seat));
> CREATE COLLECTION

SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'members' ORDER BY indexname;
> indexname | indexdef
> members_email_key | CREATE UNIQUE INDEX members_email_key ON public.members USING btree (email)
> members_pkey | CREATE UNIQUE INDEX members_pkey ON public.members USING btree (id)
> one_seat | CREATE UNIQUE INDEX one_seat ON public.members USING btree (team, seat)
> (3 rows)

INSERT INTO members VALUES (1, 'a@x', 'red', 1), (2, 'b@x', 'red', 2);
> INSERT 0 2

INSERT INTO members VALUES (3, 'a@x', 'blue', 1);
> ERROR 23505: duplicate key value violates unique index "members_email_key": key (email)=(a@x) already exists

INSERT INTO members VALUES (3, 'c@x', 'red', 2);
> ERROR 23505: duplicate key value violates unique index "one_seat": key (team, seat)=(red, 2) already exists

INSERT INTO members VALUES (3, NULL, 'red', 3), (4, NULL, 'blue', 3);
> INSERT 0 2

SELECT count(*) FROM members;
> count
> 4
> (1 row)

CREATE TABLE bad_unique (a INT PRIMARY KEY, UNIQUE (nope));
> ERROR 42703: column "nope" does not exist (at position 45)

SELECT count(*) FROM information_schema.tables WHERE table_name = 'bad_unique';
> count
> 0
> (1 row)

CREATE TABLE IF NOT EXISTS members (x INT PRIMARY KEY, y TEXT UNIQUE);
> CREATE COLLECTION

SELECT count(*) FROM pg_indexes WHERE tablename = 'members';
> count
> 3
> (1 row)

CREATE COLLECTION kvu TYPE KEY_VALUE (k TEXT PRIMARY KEY, v TEXT UNIQUE);
> ERROR 0A000: UNIQUE constraints on a KEY_VALUE collection is not supported yet (at position 66)
