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
