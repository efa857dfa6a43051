-- Driven by PsqlScriptTest through the real psql binary; the output must equal session.out.
\set ON_ERROR_STOP 0
\echo '== plain SQL'
CREATE TABLE accounts (id INT PRIMARY KEY, owner TEXT NOT NULL, balance FLOAT);
INSERT INTO accounts (id, owner, balance) VALUES (1, 'alice', 100), (2, 'bob', 50.5);
SELECT id, owner, balance FROM accounts ORDER BY id;
SELECT owner, balance * 2 AS doubled FROM accounts WHERE owner LIKE 'a%';
\echo '== a transaction'
BEGIN;
UPDATE accounts SET balance = balance - 25 WHERE id = 1;
UPDATE accounts SET balance = balance + 25 WHERE id = 2;
COMMIT;
SELECT owner, balance FROM accounts ORDER BY id;
BEGIN;
DELETE FROM accounts;
SELECT count(*) AS inside FROM accounts;
ROLLBACK;
SELECT count(*) AS after_rollback FROM accounts;
\echo '== copy in and out'
\copy accounts from 'accounts.csv' with (format csv, header)
\copy accounts (id, owner) from 'owners.txt'
\copy accounts to pstdout with (format csv, header)
\copy (SELECT owner FROM accounts WHERE balance > 60 ORDER BY owner) to pstdout
\echo '== errors'
SELECT * FROM nowhere;
INSERT INTO accounts (id, owner) VALUES (1, 'dup');
SELEC 1;
\copy accounts from 'bad.csv' with (format csv)
BEGIN;
SELECT 1 / 0;
SELECT 1;
ROLLBACK;
\timing on
SELECT 'still here' AS status;
\timing off
