-- KEY_VALUE collections: DDL, writes with TTL, reads through the planner, atomics, SHOW STORAGE.
CREATE COLLECTION sessions TYPE KEY_VALUE (key TEXT PRIMARY KEY, user_id TEXT, role TEXT, hits INT);
> CREATE COLLECTION

CREATE COLLECTION cache WITH storage = 'kv', ttl = INTERVAL '15 minutes';
> CREATE COLLECTION

CREATE COLLECTION counters TYPE KV (name TEXT PRIMARY KEY, n BIGINT) WITH (memory_budget = 1048576);
> CREATE COLLECTION

SHOW COLLECTIONS;
> name | kind
> cache | key_value
> counters | key_value
> sessions | key_value
> (3 rows)

SELECT table_name, table_type, nodedb_kind FROM information_schema.tables ORDER BY table_name;
> table_name | table_type | nodedb_kind
> cache | BASE TABLE | key_value
> counters | BASE TABLE | key_value
> sessions | BASE TABLE | key_value
> (3 rows)

DESCRIBE sessions;
> column | type | nullable | default | primary_key
> key | TEXT | false | NULL | true
> user_id | TEXT | true | NULL | false
> role | TEXT | true | NULL | false
> hits | BIGINT | true | NULL | false
> ttl | BIGINT | true | NULL | false
> (5 rows)

DESCRIBE cache;
> column | type | nullable | default | primary_key
> key | TEXT | false | NULL | true
> value | TEXT | true | NULL | false
> ttl | BIGINT | true | NULL | false
> (3 rows)

INSERT INTO sessions VALUES ('s1', 'alice', 'admin', 1, 3600), ('s2', 'bob', 'user', 2, NULL);
> INSERT 0 2

INSERT INTO sessions { key: 's3', user_id: 'carol', role: 'user', hits: 5, ttl: INTERVAL '1 hour' };
> INSERT 0 1

INSERT INTO sessions (key, user_id, role) VALUES ('s4', 'dave', 'user');
> INSERT 0 1

INSERT INTO sessions (key, user_id) VALUES ('s1', 'mallory');
> ERROR 23505: duplicate key: collection "sessions" already has a row with primary key s1

INSERT INTO sessions (key, user_id) VALUES ('s1', 'mallory') ON CONFLICT DO NOTHING;
> INSERT 0 0

SELECT key, user_id, role, hits, ttl FROM sessions ORDER BY key;
> key | user_id | role | hits | ttl
> s1 | alice | admin | 1 | 3600
> s2 | bob | user | 2 | NULL
> s3 | carol | user | 5 | 3600
> s4 | dave | user | NULL | NULL
> (4 rows)

SELECT * FROM sessions WHERE key = 's1';
> key | user_id | role | hits | ttl
> s1 | alice | admin | 1 | 3600
> (1 row)

EXPLAIN SELECT * FROM sessions WHERE key = 's1';
> QUERY PLAN
> Project (5 columns)
> ->  KV Get on sessions (key = 's1')
> (2 rows)

EXPLAIN SELECT * FROM sessions WHERE role = 'user';
> QUERY PLAN
> Project (5 columns)
> ->  Filter (role = 'user')
>   ->  KV Scan on sessions
> (3 rows)

SELECT role, count(*), sum(hits) FROM sessions GROUP BY role ORDER BY role;
> role | count | sum
> admin | 1 | 1
> user | 3 | 7
> (2 rows)

SELECT key FROM sessions WHERE hits > 1 ORDER BY key;
> key
> s2
> s3
> (2 rows)

CREATE COLLECTION users STRICT (id TEXT PRIMARY KEY, name TEXT);
> CREATE COLLECTION

INSERT INTO users VALUES ('alice', 'Alice A.'), ('bob', 'Bob B.');
> INSERT 0 2

SELECT s.key, u.name FROM sessions s JOIN users u ON u.id = s.user_id ORDER BY s.key;
> key | name
> s1 | Alice A.
> s2 | Bob B.
> (2 rows)

CREATE COLLECTION profiles;
> CREATE COLLECTION

INSERT INTO profiles [ { id: 'p1', user: 'alice', city: 'Oslo' }, { id: 'p2', user: 'bob', city: 'Rome' } ];
> INSERT 0 2

SELECT p.city, count(*) AS sessions, sum(s.hits) AS hits FROM profiles p LEFT JOIN sessions s
  ON s.user_id = p.user GROUP BY p.city ORDER BY p.city;
> city | sessions | hits
> Oslo | 1 | 1
> Rome | 1 | 2
> (2 rows)

UPSERT INTO sessions { key: 's2', role: 'admin' };
> INSERT 0 1

SELECT key, user_id, role, ttl FROM sessions WHERE key = 's2';
> key | user_id | role | ttl
> s2 | bob | admin | NULL
> (1 row)

UPDATE sessions SET hits = hits + 10 WHERE role = 'admin';
> UPDATE 2

SELECT key, hits, ttl FROM sessions WHERE key IN ('s1', 's2') ORDER BY key;
> key | hits | ttl
> s1 | 11 | 3600
> s2 | 12 | NULL
> (2 rows)

UPDATE sessions SET ttl = 60 WHERE key = 's2';
> UPDATE 1

SELECT key, ttl FROM sessions WHERE key = 's2';
> key | ttl
> s2 | 60
> (1 row)

DELETE FROM sessions WHERE key = 's4';
> DELETE 1

SELECT count(*) FROM sessions;
> count
> 3
> (1 row)

INSERT INTO cache (key, value) VALUES ('a', 'x');
> INSERT 0 1

SELECT key, value, ttl FROM cache;
> key | value | ttl
> a | x | 900
> (1 row)

INSERT INTO cache (key, value, ttl) VALUES ('b', 'y', 0);
> ERROR 22023: a ttl must be positive and below 10^12 seconds, got 0 for collection "cache"

INSERT INTO cache (key, value, ttl) VALUES ('b', 'y', 'soon');
> ERROR 22P02: invalid input syntax for type BIGINT: "soon"

SELECT count(*) FROM cache;
> count
> 1
> (1 row)

TRUNCATE cache;
> TRUNCATE

SELECT count(*) FROM cache;
> count
> 0
> (1 row)

-- A secondary index over a value field (the KV engine's KvIndex), used for equality.
CREATE INDEX ON sessions (user_id);
> CREATE INDEX

SHOW INDEXES ON sessions;
> name | collection | fields | unique
> sessions_user_id_idx | sessions | user_id | false
> (1 row)

EXPLAIN SELECT key, role FROM sessions WHERE user_id = 'alice';
> QUERY PLAN
> Project (2 columns)
> ->  Filter (user_id = 'alice')
>   ->  KV Index Scan on sessions using sessions_user_id_idx (user_id = 'alice')
> (3 rows)

SELECT key, role FROM sessions WHERE user_id = 'alice';
> key | role
> s1 | admin
> (1 row)

SELECT count(*) FROM sessions WHERE user_id = 'nobody';
> count
> 0
> (1 row)

CREATE UNIQUE INDEX ON sessions (role);
> ERROR 0A000: a UNIQUE or multi-column index on KEY_VALUE collection "sessions" is not supported yet (at position 1)

EXPLAIN SELECT key FROM sessions WHERE user_id IN ('alice', 'bob');
> QUERY PLAN
> Project (1 columns)
> ->  Filter (user_id IN ('alice', 'bob'))
>   ->  KV Index Scan on sessions using sessions_user_id_idx (user_id IN ('alice', 'bob'))
> (3 rows)

SELECT key FROM sessions WHERE user_id IN ('alice', 'bob') ORDER BY key;
> key
> s1
> s2
> (2 rows)

EXPLAIN SELECT key FROM sessions WHERE user_id > 'b';
> QUERY PLAN
> Project (1 columns)
> ->  Filter (user_id > 'b')
>   ->  KV Scan on sessions
> (3 rows)

CREATE INDEX ON counters (n);
> ERROR 0A000: an index on "n" of KEY_VALUE collection "counters" (only value columns, and only when there are several: one value column is stored bare) is not supported yet (at position 1)

CREATE INDEX ON sessions (ttl);
> ERROR 0A000: an index on "ttl" of KEY_VALUE collection "sessions" (only value columns, and only when there are several: one value column is stored bare) is not supported yet (at position 1)

-- Atomics: one KV batch each, written at once.
SELECT KV_INCR('counters', 'visits', 1), KV_INCR('counters', 'visits', 41);
> kv_incr | kv_incr
> 1 | 42
> (1 row)

SELECT name, n, ttl FROM counters;
> name | n | ttl
> visits | 42 | NULL
> (1 row)

INSERT INTO counters VALUES ('big', 9223372036854775806);
> INSERT 0 1

SELECT KV_INCR('counters', 'big', 1);
> kv_incr
> 9223372036854775807
> (1 row)

SELECT KV_INCR('counters', 'big', 1);
> ERROR 22003: incrementing 9223372036854775807 by 1 overflows a 64-bit integer (key 'big')

SELECT KV_INCR('counters', 'daily', 5, TTL => 86400), KV_INCR('counters', 'daily', 1);
> kv_incr | kv_incr
> 5 | 6
> (1 row)

SELECT name, n, ttl FROM counters WHERE name = 'daily';
> name | n | ttl
> daily | 6 | 86400
> (1 row)

SELECT KV_INCR_FLOAT('counters', 'ratio', 0.5);
> ERROR 42804: KV_INCR_FLOAT stores a float, which value column "n" of "counters" (BIGINT) cannot hold; use KV_INCR (at position 8)

CREATE COLLECTION ratios TYPE KV (name TEXT PRIMARY KEY, r DOUBLE);
> CREATE COLLECTION

SELECT KV_INCR_FLOAT('ratios', 'ratio', 0.5), KV_INCR_FLOAT('ratios', 'ratio', 2);
> kv_incr_float | kv_incr_float
> 0.5 | 2.5
> (1 row)

-- Each atomic call is its own batch: the first call here stays applied when the second fails.
SELECT KV_INCR_FLOAT('ratios', 'ratio', 1e308), KV_INCR_FLOAT('ratios', 'ratio', 1e308);
> ERROR 22003: incrementing 1.0E308 by 1.0E308 gives Infinity (key 'ratio')

SELECT r FROM ratios WHERE name = 'ratio';
> r
> 1e+308
> (1 row)

SELECT KV_INCR('counters', 'k', 1, TTL => 0);
> ERROR 22023: a ttl must be positive and below 10^12 seconds, got 0 for collection "counters"

SELECT KV_CAS('sessions', 's1', 'alice', 'bob');
> ERROR 42804: collection "sessions" has 3 value columns: pass an object literal, not alice

SELECT KV_INCR('sessions', 's1', 1);
> ERROR 42846: the value of key 's1' in kv collection "sessions" is not an integer

SELECT KV_INCR('users', 'alice', 1);
> ERROR 42809: "users" is not a KEY_VALUE collection (at position 8)

SELECT KV_INCR('nope', 'k', 1);
> ERROR 42P01: collection "nope" does not exist (at position 8)

SELECT KV_INCR('counters', 'k', 1, COLOUR => 2);
> ERROR 42601: kv_incr takes one named argument, TTL => seconds (at position 36)

SELECT KV_INCR('counters', 'k');
> ERROR 42883: function kv_incr takes 3 arguments and an optional TTL => seconds, got 2 (at position 8)

SELECT KV_CAS('counters', 'visits', 42, 100), KV_CAS('counters', 'visits', 42, 200);
> kv_cas | kv_cas
> true | false
> (1 row)

SELECT KV_CAS('counters', 'fresh', NULL, 1), KV_GETSET('counters', 'fresh', 7), KV_GETSET('counters', 'new', 1);
> kv_cas | kv_getset | kv_getset
> true | 1 | NULL
> (1 row)

SELECT name, n FROM counters WHERE name IN ('visits', 'fresh', 'new') ORDER BY name;
> name | n
> fresh | 7
> new | 1
> visits | 100
> (3 rows)

SELECT KV_GETSET('sessions', 's1', {user_id: 'alice', role: 'owner', hits: 0});
> kv_getset
> {"user_id":"alice","role":"admin","hits":11}
> (1 row)

SELECT key, user_id, role, hits, ttl FROM sessions WHERE key = 's1';
> key | user_id | role | hits | ttl
> s1 | alice | owner | 0 | NULL
> (1 row)

-- One KV batch or one document batch per statement or transaction, never both.
BEGIN;
> BEGIN

INSERT INTO sessions (key, user_id) VALUES ('t1', 'trent');
> INSERT 0 1

INSERT INTO users VALUES ('trent', 'T');
> ERROR 0A000: writing KEY_VALUE and other collections in one statement or transaction is not supported yet

ROLLBACK;
> ROLLBACK

SELECT count(*) FROM sessions WHERE key = 't1';
> count
> 0
> (1 row)

BEGIN;
> BEGIN

INSERT INTO sessions (key, user_id) VALUES ('t1', 'trent'), ('t2', 'trudy');
> INSERT 0 2

SELECT key FROM sessions WHERE key LIKE 't%' ORDER BY key;
> key
> t1
> t2
> (2 rows)

COMMIT;
> COMMIT

SELECT key FROM sessions WHERE key LIKE 't%' ORDER BY key;
> key
> t1
> t2
> (2 rows)

SELECT key FROM sessions WHERE user_id = 'trent';
> key
> t1
> (1 row)

DROP INDEX sessions_user_id_idx;
> DROP INDEX

EXPLAIN SELECT key FROM sessions WHERE user_id = 'trent';
> QUERY PLAN
> Project (1 columns)
> ->  Filter (user_id = 'trent')
>   ->  KV Scan on sessions
> (3 rows)

-- A value above 64 bytes goes to the slab (here the 128-byte class).
INSERT INTO sessions (key, role) VALUES ('long', repeat('x', 100));
> INSERT 0 1

SHOW STORAGE;
> engine | collection | part | slots | occupied | bytes | fragmentation
> kv | cache | table | 64 | 0 | 2048 | NULL
> kv | cache | used | NULL | 0 | 0 | NULL
> kv | counters | table | 64 | 5 | 2048 | NULL
> kv | counters | used | NULL | 5 | 488 | NULL
> kv | ratios | table | 64 | 1 | 2048 | NULL
> kv | ratios | used | NULL | 1 | 104 | NULL
> kv | sessions | table | 64 | 6 | 2048 | NULL
> kv | sessions | slab 128 | 512 | 1 | 65536 | 512.00
> kv | sessions | used | NULL | 6 | 800 | NULL
> (9 rows)

DROP COLLECTION cache;
> DROP COLLECTION

SELECT * FROM cache;
> ERROR 42P01: collection "cache" does not exist (at position 15)

CREATE COLLECTION IF NOT EXISTS users TYPE KEY_VALUE (k TEXT PRIMARY KEY, v TEXT);
> CREATE COLLECTION

SELECT table_name, nodedb_kind FROM information_schema.tables WHERE table_name = 'users';
> table_name | nodedb_kind
> users | strict
> (1 row)

CREATE COLLECTION sessions TYPE KEY_VALUE (k TEXT PRIMARY KEY, v TEXT);
> ERROR 42P07: collection "sessions" already exists (at position 1)

CREATE COLLECTION bad TYPE KEY_VALUE (v TEXT);
> ERROR 42601: a KEY_VALUE collection needs a PRIMARY KEY column (at position 1)

CREATE COLLECTION bad TYPE KEY_VALUE (k TEXT PRIMARY KEY) WITH (colour = 'red');
> ERROR 22023: unknown option "colour" for a KEY_VALUE collection (ttl, memory_budget) (at position 74)

CREATE COLLECTION bad TYPE KEY_VALUE (k TEXT PRIMARY KEY) WITH (ttl = INTERVAL '1 month');
> ERROR 22023: an interval with months has no fixed length in seconds (at position 71)

CREATE COLLECTION bad TYPE KEY_VALUE (k TEXT PRIMARY KEY, ttl TEXT);
> ERROR 42804: the ttl column of a KEY_VALUE collection holds seconds: it must be a number and not the key, not TEXT (at position 59)

INSERT INTO sessions (key) VALUES ('d1');
> INSERT 0 1

INSERT INTO users VALUES ('carol', 'C');
> INSERT 0 1
