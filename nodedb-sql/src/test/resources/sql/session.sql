-- SET / SHOW / RESET and session functions.
SHOW timezone;
> timezone
> UTC
> (1 row)

SET timezone = 'Europe/Oslo';
> SET

SHOW TimeZone;
> timezone
> Europe/Oslo
> (1 row)

SET application_name TO 'script';
> SET

SHOW application_name;
> application_name
> script
> (1 row)

SELECT current_setting('application_name');
> current_setting
> script
> (1 row)

RESET application_name;
> RESET

SHOW application_name;
> application_name
> 
> (1 row)

SET my.custom = 42;
> SET

SHOW my.custom;
> my.custom
> 42
> (1 row)

SHOW nonexistent;
> ERROR 42704: unrecognized configuration parameter "nonexistent"

SET server_version = '1';
> ERROR 22023: parameter "server_version" cannot be changed

-- synchronous_commit = off: a commit answers once its log record is written, before the fsync.
SET synchronous_commit = off;
> SET

CREATE COLLECTION notes;
> CREATE COLLECTION

INSERT INTO notes { id: 'n1', text: 'written, fsync later' };
> INSERT 0 1

SELECT text FROM notes;
> text
> written, fsync later
> (1 row)

SHOW synchronous_commit;
> synchronous_commit
> off
> (1 row)

SET synchronous_commit = 'sometimes';
> ERROR 22023: invalid value for parameter "synchronous_commit": "sometimes" (available values: on, off, local, remote_write, remote_apply)

SET synchronous_commit = local;
> SET

RESET ALL;
> RESET

SHOW timezone;
> timezone
> UTC
> (1 row)

SHOW ALL;
> name | setting
> application_name | 
> client_encoding | UTF8
> datestyle | ISO, MDY
> integer_datetimes | on
> search_path | public
> server_encoding | UTF8
> server_version | 16.0 (NodeDB-JVM 0.1.0)
> standard_conforming_strings | on
> statement_timeout | 0
> synchronous_commit | on
> timezone | UTC
> transaction_isolation | repeatable read
> (12 rows)

SELECT current_user, session_user;
> current_user | session_user
> nodedb | nodedb
> (1 row)

-- SET is transactional, as in PostgreSQL: ROLLBACK undoes it, COMMIT keeps it.
SET application_name = 'before';
> SET
BEGIN;
> BEGIN
SET application_name = 'inside';
> SET
SHOW application_name;
> application_name
> inside
> (1 row)
ROLLBACK;
> ROLLBACK
SHOW application_name;
> application_name
> before
> (1 row)
BEGIN;
> BEGIN
SET application_name = 'kept';
> SET
COMMIT;
> COMMIT
SHOW application_name;
> application_name
> kept
> (1 row)

-- SET LOCAL lasts until the transaction ends, committed or not; a plain SET after it is what COMMIT keeps.
BEGIN;
> BEGIN
SET LOCAL application_name = 'local';
> SET
SHOW application_name;
> application_name
> local
> (1 row)
COMMIT;
> COMMIT
SHOW application_name;
> application_name
> kept
> (1 row)
BEGIN;
> BEGIN
SET LOCAL statement_timeout = '5s';
> SET
SET application_name = 'session';
> SET
SET LOCAL TIME ZONE 'Asia/Tokyo';
> SET
SELECT current_setting('statement_timeout'), current_setting('TimeZone');
> current_setting | current_setting
> 5s | Asia/Tokyo
> (1 row)
COMMIT;
> COMMIT
SELECT current_setting('application_name'), current_setting('statement_timeout'), current_setting('TimeZone');
> current_setting | current_setting | current_setting
> session | 0 | UTC
> (1 row)

-- Outside a transaction block SET LOCAL does nothing.
SET LOCAL application_name = 'ignored';
> SET
SHOW application_name;
> application_name
> session
> (1 row)

-- ROLLBACK TO SAVEPOINT undoes what was set after the savepoint; an error that fails the block does too.
BEGIN;
> BEGIN
SET application_name = 'a';
> SET
SAVEPOINT s1;
> SAVEPOINT
SET application_name = 'b';
> SET
SET LOCAL statement_timeout = '7s';
> SET
ROLLBACK TO SAVEPOINT s1;
> ROLLBACK
SELECT current_setting('application_name'), current_setting('statement_timeout');
> current_setting | current_setting
> a | 0
> (1 row)
SET application_name = 'c';
> SET
SELECT 1 / 0;
> ERROR 22012: division by zero
COMMIT;
> ROLLBACK
SHOW application_name;
> application_name
> session
> (1 row)
RESET ALL;
> RESET

-- A bad SET LOCAL fails the block like any error; ROLLBACK leaves the settings as BEGIN found them.
BEGIN;
> BEGIN
SET LOCAL application_name = 'inside';
> SET
SET LOCAL synchronous_commit = 'sometimes';
> ERROR 22023: invalid value for parameter "synchronous_commit": "sometimes" (available values: on, off, local, remote_write, remote_apply)
SHOW application_name;
> ERROR 25P02: current transaction is aborted, commands ignored until end of transaction block
ROLLBACK;
> ROLLBACK
SHOW application_name;
> application_name
> 
> (1 row)
