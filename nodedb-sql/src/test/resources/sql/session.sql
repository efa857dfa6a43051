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
> timezone | UTC
> transaction_isolation | repeatable read
> (11 rows)

SELECT current_user, session_user;
> current_user | session_user
> nodedb | nodedb
> (1 row)
