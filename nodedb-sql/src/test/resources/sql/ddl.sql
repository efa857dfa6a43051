-- Collections: schemaless, strict (several spellings), IF [NOT] EXISTS, DROP, SHOW, DESCRIBE.
CREATE COLLECTION users;
> CREATE COLLECTION

CREATE COLLECTION users;
> ERROR 42P07: collection "users" already exists (at position 1)

CREATE COLLECTION IF NOT EXISTS users;
> CREATE COLLECTION

CREATE COLLECTION orders TYPE DOCUMENT STRICT (
    id UUID DEFAULT gen_uuid_v7(), customer_id UUID NOT NULL, total DECIMAL NOT NULL,
    status STRING DEFAULT 'pending', created_at TIMESTAMP DEFAULT now(), PRIMARY KEY (id));
> CREATE COLLECTION

CREATE COLLECTION accounts STRICT (id BIGINT PRIMARY KEY, name TEXT NOT NULL, balance FLOAT DEFAULT 0.0);
> CREATE COLLECTION

CREATE TABLE items (sku TEXT PRIMARY KEY, qty INT, price NUMERIC(10, 2), tags STRING);
> CREATE COLLECTION

CREATE COLLECTION beta1 WITH storage = 'strict' (k INT PRIMARY KEY, v TEXT);
> CREATE COLLECTION

CREATE COLLECTION beta2 (k INT PRIMARY KEY, v TEXT) WITH (storage = 'strict');
> CREATE COLLECTION

CREATE COLLECTION typed STRICT (a BIGINT, b INTEGER, c DOUBLE, d REAL, e VARCHAR, f BOOL, g BOOLEAN, h BYTES,
    i BYTEA, j TIMESTAMPTZ, k UUID, l VECTOR(3), m GEOMETRY, n DECIMAL);
> CREATE COLLECTION

CREATE COLLECTION bad STRICT (at DATETIME);
> ERROR 0A000: type DATETIME is not supported; use TIMESTAMP (at position 34)

CREATE COLLECTION bad STRICT (a FOO);
> ERROR 42704: type "FOO" does not exist (at position 33)

CREATE COLLECTION bad STRICT (a INT, a TEXT);
> ERROR 42701: column "a" specified more than once (at position 38)

CREATE COLLECTION bad STRICT (a INT PRIMARY KEY, b INT PRIMARY KEY);
> ERROR 42601: multiple primary keys for collection "bad" are not allowed (at position 50)

CREATE COLLECTION bad STRICT;
> ERROR 42601: a strict collection needs a column list (at position 29)

SHOW COLLECTIONS;
> name | kind
> accounts | strict
> beta1 | strict
> beta2 | strict
> items | strict
> orders | strict
> typed | strict
> users | document
> (7 rows)

DESCRIBE accounts;
> column | type | nullable | default | primary_key
> id | BIGINT | false | NULL | true
> name | TEXT | false | NULL | false
> balance | DOUBLE | true | 0.0 | false
> (3 rows)

DESCRIBE orders;
> column | type | nullable | default | primary_key
> id | UUID | false | gen_uuid_v7() | true
> customer_id | UUID | false | NULL | false
> total | DECIMAL | false | NULL | false
> status | TEXT | true | 'pending' | false
> created_at | TIMESTAMP | true | now() | false
> (5 rows)

DESCRIBE nothing;
> ERROR 42P01: collection "nothing" does not exist (at position 10)

DROP COLLECTION beta2;
> DROP COLLECTION

DROP COLLECTION beta2;
> ERROR 42P01: collection "beta2" does not exist (at position 1)

DROP COLLECTION IF EXISTS beta2;
> DROP COLLECTION

DROP TABLE beta1;
> DROP COLLECTION

SHOW TABLES;
> name | kind
> accounts | strict
> items | strict
> orders | strict
> typed | strict
> users | document
> (5 rows)

-- ALTER: add, drop, rename; rows written under older schema versions read correctly.
INSERT INTO accounts (id, name) VALUES (1, 'a'), (2, 'b');
> INSERT 0 2

ALTER COLLECTION accounts ADD COLUMN region STRING DEFAULT 'us-east';
> ALTER COLLECTION

INSERT INTO accounts (id, name, region) VALUES (3, 'c', 'eu');
> INSERT 0 1

SELECT * FROM accounts ORDER BY id;
> id | name | balance | region
> 1 | a | 0 | us-east
> 2 | b | 0 | us-east
> 3 | c | 0 | eu
> (3 rows)

ALTER TABLE accounts RENAME COLUMN name TO owner;
> ALTER COLLECTION

SELECT id, owner FROM accounts ORDER BY id;
> id | owner
> 1 | a
> 2 | b
> 3 | c
> (3 rows)

ALTER TABLE accounts DROP COLUMN balance;
> ALTER COLLECTION

SELECT * FROM accounts ORDER BY id;
> id | owner | region
> 1 | a | us-east
> 2 | b | us-east
> 3 | c | eu
> (3 rows)

ALTER TABLE accounts ADD COLUMN balance FLOAT;
> ALTER COLLECTION

SELECT * FROM accounts ORDER BY id;
> id | owner | region | balance
> 1 | a | us-east | NULL
> 2 | b | us-east | NULL
> 3 | c | eu | NULL
> (3 rows)

ALTER TABLE accounts ADD COLUMN must TEXT NOT NULL;
> ERROR 23502: column "must" of collection "accounts" contains null values

ALTER TABLE accounts DROP COLUMN id;
> ERROR 0A000: dropping the primary key column is not supported yet (at position 1)

ALTER TABLE accounts DROP COLUMN nope;
> ERROR 42703: column "nope" does not exist (at position 1)

ALTER TABLE accounts RENAME COLUMN owner TO region;
> ERROR 42701: column "region" of collection "accounts" already exists (at position 1)

ALTER COLLECTION users ADD COLUMN x INT;
> ERROR 0A000: ALTER on schemaless collection "users" (it has no columns) is not supported yet

-- Indexes and TRUNCATE.
CREATE INDEX ON users FIELDS email;
> CREATE INDEX

CREATE UNIQUE INDEX idx_username ON users(username);
> CREATE INDEX

CREATE INDEX IF NOT EXISTS idx_username ON users(username);
> CREATE INDEX

CREATE INDEX idx_username ON users(username);
> ERROR 42710: index "idx_username" already exists (at position 1)

CREATE INDEX idx_sku ON items (nope);
> ERROR 42703: column "nope" does not exist (at position 1)

SHOW INDEXES;
> name | collection | fields | unique
> idx_username | users | username | true
> users_email_idx | users | email | false
> (2 rows)

DROP INDEX idx_username;
> DROP INDEX

DROP INDEX idx_username;
> ERROR 42704: index "idx_username" does not exist (at position 1)

DROP INDEX IF EXISTS idx_username;
> DROP INDEX

TRUNCATE accounts;
> TRUNCATE

SELECT count(*) FROM accounts;
> count
> 0
> (1 row)

TRUNCATE TABLE nope;
> ERROR 42P01: collection "nope" does not exist
