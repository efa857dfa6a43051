-- UPSERT and ON CONFLICT.
CREATE COLLECTION users;
> CREATE COLLECTION

INSERT INTO users { id: 'u1', name: 'Alice', role: 'user', logins: 1 };
> INSERT 0 1

UPSERT INTO users { id: 'u1', name: 'Alice', role: 'admin' };
> INSERT 0 1

UPSERT INTO users { id: 'u2', name: 'Bob' };
> INSERT 0 1

SELECT * FROM users ORDER BY id;
> id | name | role | logins
> u1 | Alice | admin | 1
> u2 | Bob | NULL | NULL
> (2 rows)

UPSERT INTO users (id, logins) VALUES ('u2', 7);
> INSERT 0 1

SELECT id, name, logins FROM users ORDER BY id;
> id | name | logins
> u1 | Alice | 1
> u2 | Bob | 7
> (2 rows)

INSERT INTO users { id: 'u1', name: 'ignored' } ON CONFLICT DO NOTHING;
> INSERT 0 0

INSERT INTO users { id: 'u3', name: 'Carol' } ON CONFLICT DO NOTHING;
> INSERT 0 1

SELECT id, name FROM users ORDER BY id;
> id | name
> u1 | Alice
> u2 | Bob
> u3 | Carol
> (3 rows)

INSERT INTO users (id, name, logins) VALUES ('u1', 'Alice2', 1)
  ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, logins = users.logins + EXCLUDED.logins;
> INSERT 0 1

SELECT id, name, logins FROM users WHERE id = 'u1';
> id | name | logins
> u1 | Alice2 | 2
> (1 row)

INSERT INTO users (id, name) VALUES ('u1', 'x') ON CONFLICT (name) DO NOTHING;
> ERROR 42P10: there is no unique constraint or index on (name) of collection "users" matching the ON CONFLICT specification (at position 1)

CREATE COLLECTION counters STRICT (k TEXT PRIMARY KEY, n BIGINT NOT NULL DEFAULT 0, note TEXT);
> CREATE COLLECTION

INSERT INTO counters (k, n) VALUES ('a', 1), ('b', 1);
> INSERT 0 2

INSERT INTO counters (k, n) VALUES ('a', 5), ('c', 5)
  ON CONFLICT (k) DO UPDATE SET n = counters.n + EXCLUDED.n RETURNING k, n;
> k | n
> a | 6
> c | 5
> (2 rows)

INSERT INTO counters (k, n) VALUES ('b', 100) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n WHERE counters.n > 10;
> INSERT 0 0

SELECT * FROM counters ORDER BY k;
> k | n | note
> a | 6 | NULL
> b | 1 | NULL
> c | 5 | NULL
> (3 rows)

UPSERT INTO counters (k, note) VALUES ('a', 'kept n');
> INSERT 0 1

UPSERT INTO counters (k, n) VALUES ('d', 9);
> INSERT 0 1

SELECT * FROM counters ORDER BY k;
> k | n | note
> a | 6 | kept n
> b | 1 | NULL
> c | 5 | NULL
> d | 9 | NULL
> (4 rows)

INSERT INTO counters (k, n) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET k = 'z';
> ERROR 0A000: changing the primary key in ON CONFLICT DO UPDATE is not supported yet (at position 75)

INSERT INTO counters (k, n) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET n = NULL;
> ERROR 23502: null value in column "n" of collection "counters" violates not-null constraint

SELECT n FROM counters WHERE k = 'a';
> n
> 6
> (1 row)

-- ON CONFLICT on a unique index other than the primary key: the row holding those values is the one updated.
CREATE TABLE accounts (id INT PRIMARY KEY, email TEXT UNIQUE, logins INT, plan TEXT);
> CREATE COLLECTION

INSERT INTO accounts VALUES (1, 'a@x', 1, 'free'), (2, 'b@x', 1, 'free');
> INSERT 0 2

INSERT INTO accounts VALUES (10, 'a@x', 1, 'pro') ON CONFLICT (email) DO UPDATE SET logins = accounts.logins + 1, plan = EXCLUDED.plan RETURNING id, email, logins, plan;
> id | email | logins | plan
> 1 | a@x | 2 | pro
> (1 row)

INSERT INTO accounts VALUES (11, 'b@x', 1, 'pro') ON CONFLICT (email) DO NOTHING;
> INSERT 0 0

INSERT INTO accounts VALUES (12, 'c@x', 1, 'free') ON CONFLICT (email) DO UPDATE SET logins = 99;
> INSERT 0 1

INSERT INTO accounts VALUES (2, 'd@x', 1, 'free') ON CONFLICT (email) DO NOTHING;
> ERROR 23505: duplicate key: collection "accounts" already has a row with primary key 2

INSERT INTO accounts VALUES (13, NULL, 1, 'free'), (14, NULL, 1, 'free') ON CONFLICT (email) DO NOTHING;
> INSERT 0 2

SELECT id, email, logins, plan FROM accounts ORDER BY id;
> id | email | logins | plan
> 1 | a@x | 2 | pro
> 2 | b@x | 1 | free
> 12 | c@x | 1 | free
> 13 | NULL | 1 | free
> 14 | NULL | 1 | free
> (5 rows)

INSERT INTO accounts VALUES (20, 'z@x', 1, 'free') ON CONFLICT (plan) DO NOTHING;
> ERROR 42P10: there is no unique constraint or index on (plan) of collection "accounts" matching the ON CONFLICT specification (at position 1)

CREATE COLLECTION profiles;
> CREATE COLLECTION

CREATE UNIQUE INDEX profiles_handle ON profiles (handle);
> CREATE INDEX

INSERT INTO profiles { id: 'p1', handle: 'ann', visits: 1 };
> INSERT 0 1

INSERT INTO profiles { id: 'p2', handle: 'ann', visits: 1 } ON CONFLICT (handle) DO UPDATE SET visits = profiles.visits + EXCLUDED.visits;
> INSERT 0 1

SELECT id, handle, visits FROM profiles;
> id | handle | visits
> p1 | ann | 2
> (1 row)

INSERT INTO accounts VALUES (30, 'a@x', 1, 'free'), (31, 'e@x', 1, 'free') ON CONFLICT DO NOTHING;
> INSERT 0 1

SELECT id, email FROM accounts WHERE id >= 30 ORDER BY id;
> id | email
> 31 | e@x
> (1 row)
