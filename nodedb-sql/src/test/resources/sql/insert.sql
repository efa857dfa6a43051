-- INSERT in every form; a statement is one batch: nothing of a failing statement is applied.
CREATE COLLECTION users;
> CREATE COLLECTION

INSERT INTO users (id, name, email) VALUES ('u1', 'Alice', 'alice@example.com');
> INSERT 0 1

INSERT INTO users { id: 'u2', name: 'Bob', email: 'bob@example.com', age: 25 };
> INSERT 0 1

INSERT INTO users [ { id: 'u3', name: 'Charlie', age: 35 }, { id: 'u4', name: 'Dana', age: 28 } ];
> INSERT 0 2

SELECT * FROM users ORDER BY id;
> id | name | email | age
> u1 | Alice | alice@example.com | NULL
> u2 | Bob | bob@example.com | 25
> u3 | Charlie | NULL | 35
> u4 | Dana | NULL | 28
> (4 rows)

INSERT INTO users (id, name) VALUES ('u1', 'Again');
> ERROR 23505: duplicate key: collection "users" already has a row with primary key u1

INSERT INTO users (id, name) VALUES ('u5', 'Eve'), ('u1', 'Dup');
> ERROR 23505: duplicate key: collection "users" already has a row with primary key u1

SELECT count(*) FROM users;
> count
> 4
> (1 row)

INSERT INTO users (id, name) VALUES ('u6', 'Fay'), ('u6', 'Fay twice');
> ERROR 23505: duplicate key: collection "users" already has a row with primary key u6

INSERT INTO users { name: 'No id' };
> INSERT 0 1

SELECT name, length(id) AS id_length FROM users WHERE name = 'No id';
> name | id_length
> No id | 36
> (1 row)

INSERT INTO users (name) VALUES (1, 2);
> ERROR 42601: INSERT has more expressions than target columns (at position 34)

INSERT INTO users VALUES ('x');
> ERROR 42601: INSERT into schemaless collection "users" needs a column list or an object literal (at position 1)

INSERT INTO users { id: 1.5 };
> ERROR 42804: a primary key must be BIGINT, TEXT, UUID or BYTES, got DECIMAL

INSERT INTO users (id, name) VALUES ('r1', 'Ret') RETURNING id, upper(name) AS shout;
> id | shout
> r1 | RET
> (1 row)

INSERT INTO nowhere (a) VALUES (1);
> ERROR 42P01: collection "nowhere" does not exist (at position 1)

-- Strict collections: defaults, casts, NOT NULL, hidden keys.
CREATE COLLECTION orders STRICT (id BIGINT PRIMARY KEY, customer TEXT NOT NULL, total DECIMAL NOT NULL,
    status STRING DEFAULT 'pending', paid BOOL DEFAULT false, placed TIMESTAMP DEFAULT '2024-01-01T00:00:00Z');
> CREATE COLLECTION

INSERT INTO orders (id, customer, total) VALUES (1, 'alice', 99.99), (2, 'bob', '12.50');
> INSERT 0 2

INSERT INTO orders (id, customer, total, status, paid) VALUES ('3', 'carol', 5, 'shipped', 'yes');
> INSERT 0 1

SELECT * FROM orders ORDER BY id;
> id | customer | total | status | paid | placed
> 1 | alice | 99.99 | pending | false | 2024-01-01T00:00:00Z
> 2 | bob | 12.50 | pending | false | 2024-01-01T00:00:00Z
> 3 | carol | 5 | shipped | true | 2024-01-01T00:00:00Z
> (3 rows)

INSERT INTO orders (id, total) VALUES (4, 1);
> ERROR 23502: null value in column "customer" of collection "orders" violates not-null constraint

INSERT INTO orders (id, customer, total) VALUES (4, 'dave', 'lots');
> ERROR 22P02: invalid input syntax for type DECIMAL: "lots"

INSERT INTO orders (id, customer, total, paid) VALUES (4, 'dave', 1, 3.5);
> ERROR 42804: column "paid" is of type BOOL but the value is of type DECIMAL

INSERT INTO orders (id, customer, total, nope) VALUES (4, 'dave', 1, 2);
> ERROR 42703: column "nope" does not exist

INSERT INTO orders (customer, total) VALUES ('nokey', 1);
> ERROR 23502: null value in column "id" of collection "orders" violates not-null constraint

INSERT INTO orders { id: 5, customer: 'erin', total: 7 };
> INSERT 0 1

INSERT INTO orders VALUES (6, 'fred', 8, 'new', true, '2025-06-01 12:30:00');
> INSERT 0 1

SELECT id, status, placed FROM orders WHERE id >= 5 ORDER BY id;
> id | status | placed
> 5 | pending | 2024-01-01T00:00:00Z
> 6 | new | 2025-06-01T12:30:00Z
> (2 rows)

CREATE COLLECTION events STRICT (kind TEXT, n INT);
> CREATE COLLECTION

INSERT INTO events (kind, n) VALUES ('a', 1), ('a', 2);
> INSERT 0 2

SELECT kind, n FROM events ORDER BY n;
> kind | n
> a | 1
> a | 2
> (2 rows)

INSERT INTO events DEFAULT VALUES;
> INSERT 0 1

SELECT count(*), count(kind) FROM events;
> count | count
> 3 | 2
> (1 row)

-- INSERT ... SELECT
CREATE COLLECTION archive STRICT (id BIGINT PRIMARY KEY, who TEXT);
> CREATE COLLECTION

INSERT INTO archive (id, who) SELECT id, customer FROM orders WHERE total > 6;
> INSERT 0 4

SELECT * FROM archive ORDER BY id;
> id | who
> 1 | alice
> 2 | bob
> 5 | erin
> 6 | fred
> (4 rows)

CREATE COLLECTION docs_copy;
> CREATE COLLECTION

INSERT INTO docs_copy SELECT * FROM users WHERE age IS NOT NULL;
> INSERT 0 3

SELECT id, name, age FROM docs_copy ORDER BY id;
> id | name | age
> u2 | Bob | 25
> u3 | Charlie | 35
> u4 | Dana | 28
> (3 rows)
