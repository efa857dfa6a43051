-- FOREIGN KEY constraints on strict tables: REFERENCES on a column, FOREIGN KEY (...) REFERENCES on the table.
CREATE TABLE customers (id BIGINT PRIMARY KEY, email TEXT UNIQUE, name TEXT);
> CREATE COLLECTION

CREATE TABLE orders (id BIGINT PRIMARY KEY, customer BIGINT REFERENCES customers, total DOUBLE);
> CREATE COLLECTION

CREATE TABLE notes (id BIGINT PRIMARY KEY, author TEXT, body TEXT, CONSTRAINT note_author FOREIGN KEY (author) REFERENCES customers (email));
> CREATE COLLECTION

INSERT INTO customers VALUES (1, 'a@x', 'ann'), (2, 'b@x', 'bob');
> INSERT 0 2

INSERT INTO orders VALUES (10, 1, 5.0), (11, 2, 7.5), (12, NULL, 1.0);
> INSERT 0 3

INSERT INTO orders VALUES (13, 1, 2.0), (14, 9, 3.0);
> ERROR 23503: insert or update on collection "orders" violates foreign key constraint "orders_customer_fkey": key (customer)=(9) is not present in collection "customers"

SELECT count(*) FROM orders;
> count
> 3
> (1 row)

UPDATE orders SET customer = 3 WHERE id = 10;
> ERROR 23503: insert or update on collection "orders" violates foreign key constraint "orders_customer_fkey": key (customer)=(3) is not present in collection "customers"

INSERT INTO notes VALUES (1, 'a@x', 'hi'), (2, NULL, 'anon');
> INSERT 0 2

INSERT INTO notes VALUES (3, 'z@x', 'who');
> ERROR 23503: insert or update on collection "notes" violates foreign key constraint "note_author": key (author)=(z@x) is not present in collection "customers"

-- A parent row cannot go, nor change the values it is referenced by, while it is referenced.
DELETE FROM customers WHERE id = 1;
> ERROR 23503: update or delete on collection "customers" violates foreign key constraint "note_author" on collection "notes": key (email)=(a@x) is still referenced from collection "notes"

UPDATE customers SET id = 5 WHERE id = 2;
> ERROR 23503: update or delete on collection "customers" violates foreign key constraint "orders_customer_fkey" on collection "orders": key (id)=(2) is still referenced from collection "orders"

UPDATE customers SET email = 'new@x' WHERE id = 1;
> ERROR 23503: update or delete on collection "customers" violates foreign key constraint "note_author" on collection "notes": key (email)=(a@x) is still referenced from collection "notes"

UPDATE customers SET name = 'Ann' WHERE id = 1;
> UPDATE 1

INSERT INTO customers VALUES (1, 'a@x', 'x') ON CONFLICT (id) DO UPDATE SET email = 'c@x';
> ERROR 23503: update or delete on collection "customers" violates foreign key constraint "note_author" on collection "notes": key (email)=(a@x) is still referenced from collection "notes"

UPSERT INTO customers (id, email, name) VALUES (1, 'other@x', 'ann');
> ERROR 23503: update or delete on collection "customers" violates foreign key constraint "note_author" on collection "notes": key (email)=(a@x) is still referenced from collection "notes"

DELETE FROM orders WHERE customer = 2;
> DELETE 1

UPDATE customers SET id = 5 WHERE id = 2 RETURNING id;
> id
> 5
> (1 row)

-- Within a transaction the checks see its own writes.
BEGIN;
> BEGIN

INSERT INTO customers VALUES (3, 'c@x', 'cai');
> INSERT 0 1

INSERT INTO orders VALUES (20, 3, 1.0);
> INSERT 0 1

DELETE FROM orders WHERE id = 20;
> DELETE 1

DELETE FROM customers WHERE id = 3;
> DELETE 1

COMMIT;
> COMMIT

-- Composite keys and self-references.
CREATE TABLE bins (site TEXT, code BIGINT, PRIMARY KEY (site, code));
> CREATE COLLECTION

CREATE TABLE items (id BIGINT PRIMARY KEY, site TEXT, code BIGINT, parent BIGINT REFERENCES items (id), FOREIGN KEY (site, code) REFERENCES bins);
> CREATE COLLECTION

INSERT INTO bins VALUES ('s', 1), ('s', 2);
> INSERT 0 2

INSERT INTO items VALUES (1, 's', 1, NULL), (2, 's', 2, 1), (3, 's', NULL, 2);
> INSERT 0 3

INSERT INTO items VALUES (4, 's', 3, NULL);
> ERROR 23503: insert or update on collection "items" violates foreign key constraint "items_site_code_fkey": key (site, code)=(s, 3) is not present in collection "bins"

INSERT INTO items VALUES (5, 't', 1, 99);
> ERROR 23503: insert or update on collection "items" violates foreign key constraint "items_parent_fkey": key (parent)=(99) is not present in collection "items"

DELETE FROM bins WHERE site = 's' AND code = 2;
> ERROR 23503: update or delete on collection "bins" violates foreign key constraint "items_site_code_fkey" on collection "items": key (site, code)=(s, 2) is still referenced from collection "items"

DELETE FROM items WHERE id = 1;
> ERROR 23503: update or delete on collection "items" violates foreign key constraint "items_parent_fkey" on collection "items": key (id)=(1) is still referenced from collection "items"

DELETE FROM items WHERE id = 3;
> DELETE 1

INSERT INTO items VALUES (6, NULL, NULL, 6);
> INSERT 0 1

DELETE FROM items WHERE id = 6;
> DELETE 1

-- The objects a foreign key ties together stay as they are.
DROP TABLE customers;
> ERROR 2BP01: cannot drop collection "customers" because other objects depend on it: constraint "note_author" on collection "notes", constraint "orders_customer_fkey" on collection "orders" (at position 1)

TRUNCATE customers;
> ERROR 0A000: cannot truncate a collection referenced in a foreign key constraint (constraint "note_author" on collection "notes") (at position 1)

ALTER TABLE orders DROP COLUMN customer;
> ERROR 2BP01: cannot drop column "customer" of collection "orders" because foreign key constraint "orders_customer_fkey" uses it (at position 1)

ALTER TABLE customers RENAME COLUMN email TO mail;
> ERROR 2BP01: cannot rename column "email" of collection "customers" because foreign key constraint "note_author" uses it (at position 1)

DROP INDEX customers_email_key;
> ERROR 2BP01: cannot drop index "customers_email_key" because a foreign key constraint needs it (at position 1)

DROP TABLE notes;
> DROP COLLECTION

DROP INDEX customers_email_key;
> DROP INDEX

-- Bad definitions: nothing is created.
CREATE TABLE bad1 (id BIGINT PRIMARY KEY, c BIGINT REFERENCES nowhere);
> ERROR 42P01: collection "nowhere" does not exist (at position 52)

CREATE TABLE bad2 (id BIGINT PRIMARY KEY, c TEXT REFERENCES customers (name));
> ERROR 42830: there is no unique constraint matching given keys for referenced collection "customers" (at position 50)

CREATE TABLE bad3 (id BIGINT PRIMARY KEY, c TEXT REFERENCES customers);
> ERROR 42804: foreign key constraint cannot be implemented: key columns "c" and "id" are of incompatible types: TEXT and BIGINT (at position 50)

CREATE TABLE bad4 (id BIGINT PRIMARY KEY, c BIGINT, FOREIGN KEY (c, id) REFERENCES customers);
> ERROR 42830: number of referencing and referenced columns for foreign key disagree (at position 53)

CREATE TABLE bad8 (id BIGINT PRIMARY KEY, c BIGINT REFERENCES customers (nope));
> ERROR 42703: column "nope" does not exist (at position 52)

CREATE TABLE bad5 (id BIGINT PRIMARY KEY, c BIGINT REFERENCES customers ON DELETE CASCADE);
> ERROR 0A000: the foreign key action CASCADE is not supported yet (at position 83)

CREATE TABLE bad6 (id BIGINT PRIMARY KEY, FOREIGN KEY (nope) REFERENCES customers);
> ERROR 42703: column "nope" does not exist (at position 43)

CREATE COLLECTION docs;
> CREATE COLLECTION

CREATE TABLE bad7 (id BIGINT PRIMARY KEY, d TEXT REFERENCES docs);
> ERROR 0A000: a FOREIGN KEY referencing a collection that is not a strict table is not supported yet (at position 50)

CREATE TABLE ok (id BIGINT PRIMARY KEY, c BIGINT REFERENCES customers (id) ON DELETE NO ACTION ON UPDATE RESTRICT);
> CREATE COLLECTION

SHOW TABLES;
> name | kind
> bins | strict
> customers | strict
> docs | document
> items | strict
> ok | strict
> orders | strict
> (6 rows)
