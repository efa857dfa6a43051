-- User accounts: CREATE / ALTER / DROP USER keep only a SCRAM-SHA-256 verifier; pg_roles, pg_user and \du show them.
CREATE USER alice WITH PASSWORD 'secret';
> CREATE ROLE

CREATE USER bob WITH PASSWORD 'pw2' ROLE read_only;
> CREATE ROLE

CREATE USER admin PASSWORD 'root' ROLE superuser;
> CREATE ROLE

CREATE USER alice WITH PASSWORD 'again';
> ERROR 42710: role "alice" already exists (at position 1)

CREATE USER carol WITH PASSWORD 'x' ROLE wizard;
> ERROR 22023

CREATE USER dave WITH PASSWORD '';
> ERROR 22023

CREATE USER erin;
> ERROR 42601

SELECT rolname, rolsuper, rolcanlogin, rolpassword FROM pg_roles ORDER BY rolname;
> rolname | rolsuper | rolcanlogin | rolpassword
> admin | true | true | ********
> alice | false | true | ********
> bob | false | true | ********
> nodedb | true | true | ********
> (4 rows)

SELECT usename, usesuper FROM pg_catalog.pg_user WHERE usename <> 'nodedb' ORDER BY 1;
> usename | usesuper
> admin | true
> alice | false
> bob | false
> (3 rows)

SELECT rolname, rolpassword LIKE 'SCRAM-SHA-256$4096:%$%:%' FROM pg_authid WHERE rolname = 'alice';
> rolname | ?column?
> alice | true
> (1 row)

ALTER USER bob WITH ROLE read_write;
> ALTER ROLE

ALTER USER bob WITH PASSWORD 'new';
> ALTER ROLE

ALTER USER nobody WITH PASSWORD 'x';
> ERROR 42704: role "nobody" does not exist (at position 1)

ALTER USER bob;
> ERROR 42601

DROP USER bob;
> DROP ROLE

DROP USER bob;
> ERROR 42704

DROP USER IF EXISTS bob;
> DROP ROLE

DROP USER nodedb;
> ERROR 42704: role "nodedb" does not exist (at position 1)

BEGIN;
> BEGIN

CREATE USER frank WITH PASSWORD 'x';
> ERROR 0A000: CREATE USER inside a transaction block is not supported yet

ROLLBACK;
> ROLLBACK

-- psql \du
SELECT r.rolname, r.rolsuper, r.rolinherit,
  r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
  r.rolconnlimit, r.rolvaliduntil,
  ARRAY(SELECT b.rolname
        FROM pg_catalog.pg_auth_members m
        JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)
        WHERE m.member = r.oid) as memberof
, r.rolreplication
, r.rolbypassrls
FROM pg_catalog.pg_roles r
WHERE r.rolname !~ '^pg_'
ORDER BY 1;
> rolname | rolsuper | rolinherit | rolcreaterole | rolcreatedb | rolcanlogin | rolconnlimit | rolvaliduntil | memberof | rolreplication | rolbypassrls
> admin | true | true | true | true | true | -1 | NULL | [] | false | true
> alice | false | true | false | false | true | -1 | NULL | [] | false | false
> nodedb | true | true | true | true | true | -1 | NULL | [] | false | true
> (3 rows)
