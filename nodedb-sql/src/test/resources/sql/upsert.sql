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
> ERROR 0A000: ON CONFLICT on columns other than the primary key is not supported yet (at position 1)

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
